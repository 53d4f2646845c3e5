// Two chat transcripts rendered with react-dom into the jsdom document of `dom-env.ts` (import that
// first): ours (`useStreamingChat` + `ChatSessionProvider` + a transcript of `useChatMessageIds` and
// rows subscribed to their own message with `useChatMessage`) and `@ai-sdk/react`'s `useChat` (rows
// taking a `message` prop, memoised).
// Both render the same `Row`, and both are fed the same text deltas, one per macrotask.
import { useChat } from '@ai-sdk/react';
import { ChatSessionProvider, useChatMessage, useChatMessageIds, useStreamingChat } from '@chatstream/react';
import type { ChatMessage, ChatSession, ChatThrottle } from '@chatstream/reader';
import type { ChatTransport, UIMessage, UIMessageChunk } from 'ai';
import { memo, Profiler, type ProfilerOnRenderCallback, type ReactNode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/profiling';

// ---- delivery -------------------------------------------------------------------------------------

const nextMacrotask = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A stream handing out `items` one per pull, each after a `setImmediate` (a new macrotask, as network
 * chunks arrive, but with no added delay). `onMark` runs when item `markIndex` is handed out.
 */
export function pacedStream<T>(
  items: readonly T[],
  markIndex: number,
  onMark: () => void,
): ReadableStream<T> {
  let next = 0;
  return new ReadableStream<T>(
    {
      async pull(controller) {
        await nextMacrotask();
        if (next === markIndex) onMark();
        const item = items[next++];
        if (item === undefined) controller.close();
        else controller.enqueue(item);
      },
    },
    { highWaterMark: 0 },
  );
}

// ---- measuring -----------------------------------------------------------------------------------

/** Counts and times gathered through `Profiler`s while a stream renders. */
export interface Meter {
  /** Commits in which the message list (or something inside it) rendered. */
  listCommits: number;
  /** Commits of the whole app. */
  rootCommits: number;
  /** Sum of the list Profiler's `actualDuration` (render phase of the list, ms). */
  listRenderMs: number;
  /** `performance.now()` at the latest list commit. */
  lastListCommit: number;
  /** `performance.now()` when the first text delta was handed to the library. */
  firstDelta: number;
  /** `performance.now()` at each list commit. */
  listCommitTimes: number[];
  /** Calls of the shared `Row` (message rows rendered). */
  rowRenders: number;
  /** Our rows' reads of their message (`session.getMessage` calls; 0 for the AI SDK). */
  rowSelections: number;
}

/** The meter of the run being measured, for the components to count into. */
let active: Meter | undefined;

// ---- the row both libraries render ---------------------------------------------------------------

/** The row component shared by both transcripts. */
function Row({ role, text }: { role: string; text: string }): ReactNode {
  if (active) active.rowRenders++;
  return <li className={role}>{text}</li>;
}

const newMeter = (): Meter => ({
  listCommits: 0,
  rootCommits: 0,
  listRenderMs: 0,
  lastListCommit: Number.NaN,
  firstDelta: Number.NaN,
  listCommitTimes: [],
  rowRenders: 0,
  rowSelections: 0,
});

/** What one run measured and what it rendered. */
export interface RenderRun {
  /** First delta handed out → last list commit, ms. */
  wallMs: number;
  listCommits: number;
  rootCommits: number;
  listRenderMs: number;
  rowRenders: number;
  rowSelections: number;
  /** Each list commit, ms after the first delta. */
  listCommitTimes: number[];
  /** `<li>` rows rendered at the end. */
  rows: number;
  /** Text of the first and last rows at the end. */
  firstText: string;
  lastText: string;
}

/** What an app gets from the driver: profiler callbacks and where to put its send command. */
interface Harness {
  meter: Meter;
  onListRender: ProfilerOnRenderCallback;
  markFirstDelta: () => void;
  send?: () => Promise<unknown>;
}

function newHarness(): Harness {
  const harness: Harness = {
    meter: newMeter(),
    onListRender: (_id, _phase, actualDuration) => {
      harness.meter.listCommits++;
      harness.meter.listRenderMs += actualDuration;
      harness.meter.lastListCommit = performance.now();
      harness.meter.listCommitTimes.push(harness.meter.lastListCommit);
    },
    markFirstDelta: () => {
      harness.meter.firstDelta = performance.now();
    },
  };
  return harness;
}

/**
 * Mounts `app(harness)` (untimed), waits until it has settled, then sends one message, awaits the
 * stream and a quiet period (pending frames and throttle timers), reads the document and unmounts.
 */
async function drive(app: (harness: Harness) => ReactNode): Promise<RenderRun> {
  const harness = newHarness();
  const container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  const onRootRender: ProfilerOnRenderCallback = () => {
    harness.meter.rootCommits++;
  };
  root.render(
    <Profiler id="root" onRender={onRootRender}>
      {app(harness)}
    </Profiler>,
  );
  for (let waited = 0; harness.send === undefined; waited++) {
    if (waited > 5000) throw new Error('the app did not mount');
    await sleep(1);
  }
  // No forced GC here: a full collection shrinks V8's young generation, and the first ~2,000 deltas
  // after it ran about twice as slow while it regrew, a cost of the harness, not of either library.
  await sleep(20);
  harness.meter = active = newMeter();
  await harness.send();
  await sleep(60);
  active = undefined;
  const { meter } = harness;
  const rows = container.querySelectorAll('li');
  const run: RenderRun = {
    wallMs: meter.lastListCommit - meter.firstDelta,
    listCommits: meter.listCommits,
    rootCommits: meter.rootCommits,
    listRenderMs: meter.listRenderMs,
    rowRenders: meter.rowRenders,
    rowSelections: meter.rowSelections,
    listCommitTimes: meter.listCommitTimes.map((time) => time - meter.firstDelta),
    rows: rows.length,
    firstText: rows[0]?.textContent ?? '',
    lastText: rows[rows.length - 1]?.textContent ?? '',
  };
  root.unmount();
  container.remove();
  return run;
}

// ---- ours ----------------------------------------------------------------------------------------

const textOf = (message: ChatMessage): string =>
  message.content.map((block) => (block.type === 'text' ? block.text : '')).join('');

const OurRow = memo(function OurRow({ id }: { id: string }): ReactNode {
  const message = useChatMessage(id);
  return message ? <Row role={message.role} text={textOf(message)} /> : null;
});

const OurTranscript = memo(function OurTranscript({
  onRender,
}: {
  onRender: ProfilerOnRenderCallback;
}): ReactNode {
  const ids = useChatMessageIds();
  return (
    <Profiler id="list" onRender={onRender}>
      <ul>
        {ids.map((id) => (
          <OurRow key={id} id={id} />
        ))}
      </ul>
    </Profiler>
  );
});

/** Counts the rows' reads of their message into the active meter. */
function countReads(chat: ChatSession): void {
  const read = chat.getMessage.bind(chat);
  chat.getMessage = (id) => {
    if (active) active.rowSelections++;
    return read(id);
  };
}

function OurChat(props: {
  harness: Harness;
  prior: readonly ChatMessage[];
  fetch: typeof fetch;
  throttle: ChatThrottle;
}): ReactNode {
  const { harness, prior, throttle } = props;
  const { chat, status, send } = useStreamingChat({ initialMessages: prior, fetch: props.fetch, throttle });
  useState(() => countReads(chat));
  useEffect(() => {
    harness.send = () => send('Go');
  }, [harness, send]);
  return (
    <ChatSessionProvider chat={chat}>
      <p>{status}</p>
      <OurTranscript onRender={harness.onListRender} />
    </ChatSessionProvider>
  );
}

/** Our input: the prior conversation and the response (status, headers, body chunks one per event). */
export interface OurInput {
  prior: readonly ChatMessage[];
  status: number;
  headers: Record<string, string>;
  chunks: readonly Uint8Array[];
  /** Index in `chunks` of the first text delta. */
  firstDelta: number;
}

/** One run of ours: the response body arrives through the session's `fetch`. */
export function runOurs(input: OurInput, throttle: ChatThrottle): Promise<RenderRun> {
  return drive((harness) => {
    const respond = async (): Promise<Response> =>
      new Response(pacedStream(input.chunks, input.firstDelta, harness.markFirstDelta), {
        status: input.status,
        headers: input.headers,
      });
    return <OurChat harness={harness} prior={input.prior} fetch={respond} throttle={throttle} />;
  });
}

// ---- AI SDK --------------------------------------------------------------------------------------

const uiTextOf = (message: UIMessage): string =>
  message.parts.map((part) => (part.type === 'text' ? part.text : '')).join('');

const AiRow = memo(function AiRow({ message }: { message: UIMessage }): ReactNode {
  return <Row role={message.role} text={uiTextOf(message)} />;
});

function AiChat(props: {
  harness: Harness;
  prior: UIMessage[];
  transport: ChatTransport<UIMessage>;
  throttle: number | undefined;
}): ReactNode {
  const { harness, prior, transport, throttle } = props;
  const { messages, status, sendMessage } = useChat({
    messages: prior,
    transport,
    ...(throttle === undefined ? {} : { experimental_throttle: throttle }),
  });
  useEffect(() => {
    harness.send = () => sendMessage({ text: 'Go' });
  }, [harness, sendMessage]);
  return (
    <>
      <p>{status}</p>
      <Profiler id="list" onRender={harness.onListRender}>
        <ul>
          {messages.map((message) => (
            <AiRow key={message.id} message={message} />
          ))}
        </ul>
      </Profiler>
    </>
  );
}

/** The AI SDK's input: the prior conversation and the response as UI message stream chunks. */
export interface AiInput {
  prior: UIMessage[];
  chunks: readonly UIMessageChunk[];
  /** Index in `chunks` of the first text delta. */
  firstDelta: number;
}

/**
 * One run of `useChat`: a custom transport returns the UI message chunks as objects, its cheapest
 * path (the default transport would also parse SSE and validate every chunk against its schema).
 */
export function runAiSdk(input: AiInput, throttle: number | undefined): Promise<RenderRun> {
  return drive((harness) => {
    const transport: ChatTransport<UIMessage> = {
      sendMessages: async () => pacedStream(input.chunks, input.firstDelta, harness.markFirstDelta),
      reconnectToStream: async () => null,
    };
    return <AiChat harness={harness} prior={input.prior} transport={transport} throttle={throttle} />;
  });
}
