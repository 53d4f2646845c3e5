import { describe, expect, it } from 'vitest';
import { chatBody, fetchDirect, useRelayOnFake } from './test/relay-fixture.ts';
import { withoutIds } from './test/resume-requests.ts';

const decoder = new TextDecoder();
const SCENARIOS = ['basic', 'longAnswer', 'toolUse', 'unicode', 'thinking'] as const;

/**
 * One client: starts `scenario`; when `drop`, reads its first chunk, drops the connection, and
 * resumes after the last whole event it read. The whole text it read.
 */
async function client(url: string, scenario: string, drop: boolean): Promise<{ id: string; text: string }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(chatBody(scenario)),
  });
  const id = response.headers.get('chatstream-stream-id') ?? '';
  if (!drop) return { id, text: await response.text() };
  const reader = response.body!.getReader();
  const first = await reader.read();
  await reader.cancel();
  const read = decoder.decode(first.value);
  const whole = read.slice(0, read.lastIndexOf('\n\n') + 2);
  const last = [...whole.matchAll(/^id: (\d+)$/gmu)].at(-1)?.[1] ?? '0';
  const rest = await fetch(url, {
    method: 'POST',
    headers: { 'chatstream-resume': id, 'last-event-id': last },
  });
  return { id, text: whole + (await rest.text()) };
}

describe('60 concurrent resumable streams through the relay', () => {
  const relay = useRelayOnFake(
    // ttlMs long enough for a resume on a busy machine (1.5 s, even 5 s, was not: a client's resume came after
    // its stream was forgotten), short enough to watch the streams expire.
    { resume: { graceMs: 15_000, ttlMs: 10_000 } },
    { timing: { timeToFirstToken: 20, tokensPerSecond: 600, jitter: 0.35 } },
  );

  it('every client, dropped and resumed or not, reads its stream whole; each upstream request runs once, to its end; then they are forgotten', async () => {
    const expected = new Map<string, string>();
    for (const name of SCENARIOS) expected.set(name, (await fetchDirect(relay.fake, name)).text);
    relay.fake.reset();

    const runs = Array.from({ length: 60 }, (_, index) => {
      const scenario = SCENARIOS[index % SCENARIOS.length]!;
      return client(relay.url, scenario, index % 2 === 0).then((result) => ({ ...result, scenario }));
    });
    const results = await Promise.all(runs);
    for (const { scenario, text } of results) expect(withoutIds(text)).toBe(expected.get(scenario));

    await relay.fake.settled();
    expect(relay.fake.requests).toHaveLength(60);
    expect(relay.fake.requests.every((request) => request.completed && !request.aborted)).toBe(true);

    // ttlMs after each stream ended, the relay keeps none of them (polled: on a busy machine the
    // relay may end its reads a little after the fake API sent its last byte).
    const statuses = async (): Promise<number[]> => {
      const late = await Promise.all(
        results.map(({ id }) => fetch(relay.url, { method: 'POST', headers: { 'chatstream-resume': id } })),
      );
      await Promise.all(late.map((response) => response.text()));
      return late.map((response) => response.status);
    };
    await expect.poll(statuses, { timeout: 25_000, interval: 250 }).toEqual(results.map(() => 404));
  }, 60_000);
});
