import { describe, expect, it } from 'vitest';
import type { ResumeStore } from '../resume-store.ts';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

/**
 * What every {@link ResumeStore} does, seen from two instances: `storeFor(0)` and `storeFor(1)` may
 * be one store or two over the same database. Call it inside a `describe`; the stores must exist
 * when the tests run.
 */
export function describeResumeStoreContract(storeFor: (instance: number) => ResumeStore): void {
  describe('the ResumeStore contract', () => {
    it('keeps events as bytes, in order, readable from any index by another instance', async () => {
      const [writer, reader] = [storeFor(0), storeFor(1)];
      const id = crypto.randomUUID();
      expect(await reader.read(id, 0)).toBeUndefined();
      await writer.create(id, {});
      expect(await reader.read(id, 0)).toEqual({ events: [], length: 0, finished: false });
      const events = [
        'id: 1\nevent: a\ndata: {"t":"héllo 👋🏽"}\n\n',
        'id: 2\ndata: 漢字\n\n',
        'id: 3\ndata: \n\n',
      ].map(bytes);
      await writer.append(id, events.slice(0, 2));
      await writer.append(id, events.slice(2));
      expect(await reader.read(id, 1)).toEqual({ events: events.slice(1), length: 3, finished: false });
      // Past the end: nothing yet (a client asking for more than there is gets a 400 from the relay).
      expect(await reader.read(id, 7)).toEqual({ events: [], length: 3, finished: false });
    });

    it("hands back the answer's request id with every read, on any instance", async () => {
      const [writer, reader] = [storeFor(0), storeFor(1)];
      const [withId, without] = [crypto.randomUUID(), crypto.randomUUID()];
      await writer.create(withId, { requestId: 'req_011CPm5kYqvZfWy3Jb2rN8sT' });
      await writer.create(without, {});
      await writer.append(withId, [bytes('id: 1\ndata: x\n\n')]);
      await writer.finish(withId, 5000);
      expect(await reader.read(withId, 1)).toEqual({
        requestId: 'req_011CPm5kYqvZfWy3Jb2rN8sT',
        events: [],
        length: 1,
        finished: true,
      });
      expect((await reader.read(without, 0))?.requestId).toBeUndefined();
    });

    it('appends thousands of events in one call', async () => {
      const store = storeFor(0);
      const id = crypto.randomUUID();
      await store.create(id, {});
      const many = Array.from({ length: 2500 }, (_, index) => bytes(`id: ${index + 1}\ndata: ${index}\n\n`));
      await store.append(id, many);
      expect(await store.read(id, 2499)).toEqual({ events: [many[2499]], length: 2500, finished: false });
    });

    it('hands a long stream back a page at a time, in order: a resume holds a page, not the rest of the answer', async () => {
      const [writer, reader] = [storeFor(0), storeFor(1)];
      const id = crypto.randomUUID();
      await writer.create(id, {});
      const many = Array.from({ length: 3000 }, (_, index) => bytes(`id: ${index + 1}\ndata: ${index}\n\n`));
      await writer.append(id, many);
      await writer.finish(id, 5000);
      const read: Uint8Array[] = [];
      for (;;) {
        const page = await reader.read(id, read.length);
        expect(page).toMatchObject({ length: 3000, finished: true });
        if (page!.events.length === 0) break;
        expect(page!.events.length).toBeLessThanOrEqual(512);
        read.push(...page!.events);
      }
      expect(read).toEqual(many);
    });

    it('marks a stream finished and forgets it after its ttl', async () => {
      const [writer, reader] = [storeFor(0), storeFor(1)];
      const id = crypto.randomUUID();
      await writer.create(id, {});
      await writer.append(id, [bytes('id: 1\ndata: x\n\n')]);
      await writer.finish(id, 150);
      expect(await reader.read(id, 1)).toEqual({ events: [], length: 1, finished: true });
      await expect.poll(() => reader.read(id, 0), { timeout: 5000, interval: 25 }).toBeUndefined();
    });

    it('delivers signals to the subscribers of one stream on every instance, and no others, until they unsubscribe', async () => {
      const [first, second] = [storeFor(0), storeFor(1)];
      const id = crypto.randomUUID();
      const heard: string[] = [];
      const offFirst = await first.subscribe(id, (signal) => heard.push(`first:${signal}`));
      const offSecond = await second.subscribe(id, (signal) => heard.push(`second:${signal}`));
      const offOther = await second.subscribe(crypto.randomUUID(), (signal) => heard.push(`other:${signal}`));
      await first.publish(id, 'attach');
      await second.publish(id, 'cancel');
      await expect.poll(() => heard.length).toBe(4);
      expect(heard.toSorted()).toEqual(['first:attach', 'first:cancel', 'second:attach', 'second:cancel']);
      offFirst();
      await second.publish(id, 'finish');
      await expect.poll(() => heard.length).toBe(5);
      expect(heard.at(-1)).toBe('second:finish');
      offSecond();
      offOther();
    });
  });
}
