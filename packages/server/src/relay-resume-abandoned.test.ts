import { IncompleteStreamError, readMessageStream } from '@chatstream/reader';
import { describe, expect, it } from 'vitest';
import { createMemoryResumeStore } from './memory-resume-store.ts';
import type { ResumeStore } from './resume-store.ts';
import { useRelayOnFake } from './test/relay-fixture.ts';
import { readThenDrop, resumeStream, startStream } from './test/resume-requests.ts';

const MAX_AGE_MS = 400;

/**
 * The memory store, with a writer that can vanish: from `vanish()` on, its appends and its finish
 * never reach the store, as when Workers end the request reading upstream without a word.
 */
function vanishingWriter(store: ResumeStore): { store: ResumeStore; vanish: () => void } {
  let gone = false;
  return {
    store: {
      ...store,
      append: (id, events) => (gone ? undefined : store.append(id, events)),
      finish: (id, ttlMs) => (gone ? undefined : store.finish(id, ttlMs)),
    },
    vanish: () => {
      gone = true;
    },
  };
}

describe('a kept stream whose reading stopped without a word (Workers without waitUntil)', () => {
  const writer = vanishingWriter(createMemoryResumeStore({ maxAgeMs: MAX_AGE_MS }));
  const relay = useRelayOnFake({ resume: { store: writer.store }, pingIntervalMs: 50 });

  it('ends for a resuming reader after maxAgeMs, with what was kept: an incomplete answer to retry', async () => {
    const started = await startStream(relay.url, 'longAnswer');
    const id = started.headers.get('chatstream-stream-id')!;
    await readThenDrop(started.body!, (text) => text.includes('content_block_delta'));
    writer.vanish();

    const resumed = await resumeStream(relay.url, id, '0');
    expect(resumed.status).toBe(200);
    const ended = readMessageStream(resumed).finalMessage();
    // Pings alone would keep it open for ever (and a client's idle timeout with it).
    let timer: ReturnType<typeof setTimeout> | undefined;
    const hung = new Promise((resolve) => (timer = setTimeout(resolve, 10_000, 'still open after 10 s')));
    const outcome = await Promise.race([
      ended.then(
        () => 'complete',
        (error: unknown) => error,
      ),
      hung,
    ]);
    clearTimeout(timer);
    expect(outcome).toBeInstanceOf(IncompleteStreamError);
    // Forgotten: a later resume gets the 404 a client gives up on.
    expect((await resumeStream(relay.url, id, '0')).status).toBe(404);
  });
});

describe('createMemoryResumeStore: maxAgeMs', () => {
  it('forgets an unfinished stream nothing was appended to for maxAgeMs; a heartbeat keeps it', async () => {
    const store = createMemoryResumeStore({ maxAgeMs: 600 });
    const [kept, left] = [crypto.randomUUID(), crypto.randomUUID()];
    await store.create(kept, {});
    await store.create(left, {});
    // Beats 100 ms apart, so a timer late by a few hundred ms on a busy machine still keeps it.
    for (let beat = 0; beat < 8; beat += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      await store.append(kept, []);
    }
    expect(await store.read(kept, 0)).toMatchObject({ finished: false });
    expect(await store.read(left, 0)).toBeUndefined();
    // Its writer learns that nobody can read what follows.
    expect(() => store.append(left, [])).toThrow(/no longer in memory/u);
  });

  it('refuses a maxAgeMs that cannot work', () => {
    expect(() => createMemoryResumeStore({ maxAgeMs: Number.NaN })).toThrow(RangeError);
    expect(() => createMemoryResumeStore({ maxAgeMs: 0 })).toThrow(RangeError);
  });
});
