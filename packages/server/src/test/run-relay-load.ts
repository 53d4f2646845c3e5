import { setMaxListeners } from 'node:events';
import type { FakeAnthropicServer } from '@chatstream/mocks/server';
import { chatBody, fetchDirect, sameBytes } from './relay-fixture.ts';

/** How {@link runRelayLoad} drives the relay. */
export interface RelayLoadOptions {
  /** The relay's URL (in front of `fake`). */
  relayURL: string;
  fake: FakeAnthropicServer;
  /** Concurrent streams. */
  streams: number;
  /** Every n-th client disconnects after its first chunk (0: none). */
  disconnectEvery: number;
  /** Scenarios served round-robin to the clients that stay. */
  scenarios: readonly string[];
  /** The scenario the disconnecting clients ask for (it must outlast their first chunk). */
  disconnectScenario: string;
  /** Everything must be over by then, or the run fails. */
  deadlineMs: number;
}

/** What {@link runRelayLoad} saw. */
export interface RelayLoadResult {
  streams: number;
  /** Clients that read their whole stream, and how many of those were byte-identical to a direct fetch. */
  completed: number;
  identical: number;
  /** Clients that left mid-stream, and upstream requests the fake API saw aborted. */
  disconnected: number;
  abortedUpstream: number;
  /** Upstream requests that ran to the end. */
  completedUpstream: number;
  /** Wall-clock time of the whole run, in milliseconds. */
  durationMs: number;
  /** Relayed bytes. */
  bytes: number;
  /** Descriptions of anything that went wrong. */
  problems: string[];
}

/**
 * Opens `streams` concurrent requests through the relay at once: most read to the end and are
 * compared byte for byte with a direct fetch of the same scenario from the fake API; every
 * `disconnectEvery`-th leaves after its first chunk, and the fake API's log must show those
 * upstream requests aborted. Bounded by `deadlineMs`. Clears the fake's log first.
 */
export async function runRelayLoad(options: RelayLoadOptions): Promise<RelayLoadResult> {
  const { fake } = options;
  const expected = new Map<string, Uint8Array>();
  for (const name of new Set([...options.scenarios, options.disconnectScenario])) {
    expected.set(name, (await fetchDirect(fake, name)).bytes);
  }
  fake.reset();
  const deadline = AbortSignal.timeout(options.deadlineMs);
  // Every client listens to the one deadline.
  setMaxListeners(options.streams + 10, deadline);
  const problems: string[] = [];
  let completed = 0;
  let identical = 0;
  let disconnected = 0;
  let bytes = 0;
  const started = performance.now();

  const client = async (index: number): Promise<void> => {
    const leaves =
      options.disconnectEvery > 0 && index % options.disconnectEvery === options.disconnectEvery - 1;
    const name = leaves
      ? options.disconnectScenario
      : (options.scenarios[index % options.scenarios.length] as string);
    const controller = new AbortController();
    const stop = (): void => controller.abort(deadline.reason);
    deadline.addEventListener('abort', stop, { once: true });
    try {
      const response = await fetch(options.relayURL, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(chatBody(name)),
        signal: controller.signal,
      });
      if (response.status !== 200 || !response.body) {
        problems.push(`client ${index}: status ${response.status}`);
        return;
      }
      const reader = response.body.getReader();
      if (leaves) {
        const first = await reader.read();
        bytes += first.value?.byteLength ?? 0;
        controller.abort();
        await reader.cancel().catch(() => undefined);
        disconnected += 1;
        return;
      }
      const chunks: Uint8Array[] = [];
      let size = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        size += value.byteLength;
      }
      bytes += size;
      completed += 1;
      if (sameBytes(Buffer.concat(chunks, size), expected.get(name) as Uint8Array)) identical += 1;
      else problems.push(`client ${index} (${name}): bytes differ from a direct fetch`);
    } catch (error) {
      problems.push(`client ${index} (${name}): ${String(error)}`);
    } finally {
      deadline.removeEventListener('abort', stop);
    }
  };

  await Promise.all(Array.from({ length: options.streams }, (_, index) => client(index)));
  await Promise.race([
    fake.settled(),
    new Promise((resolve) => {
      if (deadline.aborted) resolve(undefined);
      deadline.addEventListener('abort', resolve, { once: true });
    }),
  ]);
  if (deadline.aborted) problems.push(`the run did not finish within ${options.deadlineMs} ms`);
  const durationMs = performance.now() - started;
  const upstream = fake.requests.filter((request) => request.status === 200);
  if (upstream.length !== options.streams) {
    problems.push(`the fake API saw ${upstream.length} streams, expected ${options.streams}`);
  }
  return {
    streams: options.streams,
    completed,
    identical,
    disconnected,
    abortedUpstream: upstream.filter((request) => request.aborted).length,
    completedUpstream: upstream.filter((request) => request.completed).length,
    durationMs,
    bytes,
    problems,
  };
}
