// The page of the persistence benchmark: a ChatSession below `priorMessages` earlier messages streams
// an answer (a `@chatstream/mocks` scenario) one event per animation frame (as a fast answer arrives), while the conversation is
// saved to sessionStorage on every change, through persistChat, or not at all.
import { encodeSSEEvent, scenario } from '@chatstream/mocks';
import { type ChatMessage, createChatSession, persistChat, readMessageStream } from '@chatstream/reader';
import type { PersistBenchApi, SaveRun, SaveStrategy } from '../shared.ts';

const KEY = 'persist-bench';
const PARAGRAPH = 'Streaming matters because people read as the answer arrives. '.repeat(25);

function history(count: number): ChatMessage[] {
  return Array.from({ length: count }, (_, index): ChatMessage => {
    if (index % 2 === 0) {
      return { id: `u${index}`, role: 'user', content: [{ type: 'text', text: `Question ${index}?` }] };
    }
    const content = [{ type: 'text' as const, text: `${PARAGRAPH}${index}` }];
    return {
      id: `a${index}`,
      role: 'assistant',
      status: 'complete',
      stopReason: 'end_turn',
      content,
      message: {
        id: `msg_${index}`,
        type: 'message',
        role: 'assistant',
        model: 'claude-sonnet-4-6',
        content,
        stop_reason: 'end_turn',
        stop_sequence: null,
        usage: { input_tokens: 1200, output_tokens: 400 },
      },
    };
  });
}

/** An answer of `deltas` words, one Anthropic event enqueued per animation frame. */
function answerBody(deltas: number): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const { events } = scenario('persistBench')
    .text('word '.repeat(deltas), { chunking: 'words' })
    .stop('end_turn');
  let next = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      await new Promise((resolve) => requestAnimationFrame(resolve));
      const event = events[next++];
      if (event) controller.enqueue(encoder.encode(encodeSSEEvent(event)));
      else controller.close();
    },
  });
}

/** Counts animation-frame intervals until `stop()`. */
function watchFrames(): { stop: () => { frames: number; slow: number } } {
  let frames = 0;
  let slow = 0;
  let last = performance.now();
  let running = true;
  const tick = (now: number): void => {
    if (!running) return;
    frames += 1;
    if (now - last > 25) slow += 1;
    last = now;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  return {
    stop: () => {
      running = false;
      return { frames, slow };
    },
  };
}

const keepNothing = (): void => undefined;

async function run(strategy: SaveStrategy, priorMessages: number, deltas: number): Promise<SaveRun> {
  sessionStorage.clear();
  // Both ways of saving pay for the same two calls; they are timed where the page makes them.
  let saves = 0;
  let savingMs = 0;
  let longestSaveMs = 0;
  let stringifyMs = 0;
  const stringify = JSON.stringify;
  const timedStringify = (value: unknown): string => {
    const started = performance.now();
    const text = stringify(value);
    stringifyMs += performance.now() - started;
    return text;
  };
  const storage = {
    getItem: (key: string) => sessionStorage.getItem(key),
    setItem: (key: string, value: string) => {
      const started = performance.now();
      sessionStorage.setItem(key, value);
      const took = performance.now() - started + stringifyMs;
      stringifyMs = 0;
      saves += 1;
      savingMs += took;
      longestSaveMs = Math.max(longestSaveMs, took);
    },
  };
  const chat = createChatSession({
    initialMessages: history(priorMessages),
    transport: ({ signal }) => readMessageStream(answerBody(deltas), { signal }),
  });
  // Every call the page and the session make while saving passes one value: nothing else to forward.
  JSON.stringify = timedStringify as typeof JSON.stringify;
  let stopSaving: () => void = keepNothing;
  if (strategy === 'every-change') {
    // What a page writes without a helper: everything, whenever the session publishes.
    stopSaving = chat.subscribe(() => {
      const { messages } = chat.getSnapshot();
      storage.setItem(KEY, JSON.stringify({ messages, versions: chat.exportVersions() }));
    });
  } else if (strategy === 'persistChat') {
    stopSaving = persistChat(chat, KEY, { storage });
  }
  // Only what saving costs while the answer streams is counted (persistChat also saves once at start).
  saves = 0;
  savingMs = 0;
  longestSaveMs = 0;
  const frames = watchFrames();
  try {
    await chat.send('Tell me a long story');
  } finally {
    stopSaving();
    JSON.stringify = stringify;
  }
  const { frames: count, slow } = frames.stop();
  if (chat.getSnapshot().messages.at(-1)?.status !== 'complete')
    throw new Error('The answer did not complete');
  return {
    saves,
    savingMs,
    longestSaveMs,
    slowFrames: slow,
    frames: count,
    savedChars: sessionStorage.getItem(KEY)?.length ?? 0,
  };
}

const api: PersistBenchApi = { run };
(window as unknown as { persistBench: PersistBenchApi }).persistBench = api;
document.title = 'ready';
