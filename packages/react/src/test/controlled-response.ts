import { encodeSSEEvent, type MockScenario } from '@chatstream/mocks';

/** Responses whose events the test releases a few at a time. */
export interface ControlledResponses {
  /** The fetch to hand to the session: each call gets the next scenario's response. */
  readonly fetch: typeof fetch;
  /** The request bodies, parsed. */
  readonly requests: Record<string, unknown>[];
  /** Waits for an open response, then sends the next `count` events of the oldest one (all remaining when omitted). */
  push(count?: number): Promise<void>;
}

interface Open {
  controller: ReadableStreamDefaultController<Uint8Array>;
  events: Array<MockScenario['events'][number]>;
}

/**
 * A fetch whose SSE bodies play `scenarios` (one per request) only as far as the test `push`es, so
 * every intermediate state can be asserted without relying on timing.
 */
export function createControlledResponses(...scenarios: MockScenario[]): ControlledResponses {
  const encoder = new TextEncoder();
  const requests: Record<string, unknown>[] = [];
  const opened: Open[] = [];
  let waiting: (() => void) | undefined;
  return {
    requests,
    fetch: async (_input, init) => {
      requests.push(JSON.parse(init?.body as string) as Record<string, unknown>);
      const scenario = scenarios[requests.length - 1];
      if (!scenario) throw new Error('No more controlled responses');
      let open: Open | undefined;
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          open = { controller, events: [...scenario.events] };
          opened.push(open);
          waiting?.();
        },
        cancel() {
          // A response the reader gave up on takes no more pushes; the next one does.
          opened.splice(opened.indexOf(open as Open), 1);
        },
      });
      return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
    },
    async push(count) {
      while (!opened[0]) await new Promise<void>((resolve) => (waiting = resolve));
      const current = opened[0];
      const events = current.events.splice(0, count ?? current.events.length);
      for (const event of events) current.controller.enqueue(encoder.encode(encodeSSEEvent(event)));
      if (current.events.length === 0) {
        current.controller.close();
        opened.shift();
      }
    },
  };
}
