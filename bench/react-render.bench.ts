// React rendering of a streamed answer below a long conversation: ours (`useStreamingChat` +
// `ChatSessionProvider` + rows subscribed to their own message with `useChatMessage`) against `@ai-sdk/react` `useChat`
// (memoised rows taking a `message` prop), same row component, same deltas, react-dom in jsdom.
// Run: node --expose-gc --import tsx --conditions=@chatstream/source bench/react-render.bench.ts
// First: it selects React's production builds and installs the jsdom globals before React loads.
// oxlint-disable-next-line import/no-unassigned-import
import './lib/dom-env.ts';
import { loadavg } from 'node:os';
import { planResponse, scenario } from '@chatstream/mocks';
import type { ChatMessage, ChatThrottle } from '@chatstream/reader';
import type { UIMessage, UIMessageChunk } from 'ai';
import { random, randomText } from './lib/anthropic-stream.ts';
import { type AiInput, type OurInput, type RenderRun, runAiSdk, runOurs } from './lib/chat-render.tsx';
import { formatElapsed, formatRatio, markdownTable, median, writeResult } from './lib/measure.ts';

/** Prior messages above the streamed answer. */
const PRIORS = [10, 1000] as const;
/** Text deltas per stream in the per-token section. */
const DELTAS = Number(process.env['DELTAS'] ?? 10_000);
/** Text deltas of the long stream (after 10 prior messages), one run per contender. */
const LONG_DELTAS = 20_000;
const LONG_PRIOR = 10;
const WARMUP_ROUNDS = 1;
const ROUNDS = Number(process.env['ROUNDS'] ?? 7);

// ---- input ---------------------------------------------------------------------------------------

/** `count` text deltas (one to five words each, non-ASCII, emoji, line breaks and tabs included). */
function makeDeltas(count: number, seed: number): string[] {
  const rand = random(seed);
  return Array.from({ length: count }, () => randomText(rand));
}

/** The prior conversation: alternating user and assistant turns of a few dozen words each. */
function priorTexts(count: number): { id: string; role: 'user' | 'assistant'; text: string }[] {
  const rand = random(0x9a57);
  return Array.from({ length: count }, (_, index) => ({
    id: `prior-${index}`,
    role: index % 2 === 0 ? 'user' : 'assistant',
    text: Array.from({ length: 4 + Math.floor(rand() * 12) }, () => randomText(rand)).join(''),
  }));
}

const decoder = new TextDecoder();

/** Ours: the Anthropic SSE response a relay would send, one body chunk per event. */
function ourInput(priorCount: number, deltas: readonly string[]): OurInput {
  const prior: ChatMessage[] = priorTexts(priorCount).map(({ id, role, text }) => ({
    id,
    role,
    content: [{ type: 'text', text }],
    ...(role === 'assistant' ? { status: 'complete' as const } : {}),
  }));
  const answer = scenario('react-render')
    .text(deltas.join(''), { chunking: [...deltas] })
    .stop('end_turn');
  const plan = planResponse(answer, { timing: 'instant' });
  const chunks = plan.chunks.map((chunk) => chunk.bytes);
  const firstDelta = chunks.findIndex((chunk) => decoder.decode(chunk).includes('"text_delta"'));
  const deltaChunks = chunks.filter((chunk) => decoder.decode(chunk).includes('"text_delta"')).length;
  if (plan.status !== 200 || firstDelta < 0 || deltaChunks !== deltas.length) {
    throw new Error(`unexpected plan: status ${plan.status}, ${deltaChunks} delta chunks`);
  }
  return { prior, status: plan.status, headers: plan.headers, chunks, firstDelta };
}

/** The AI SDK: the same text in its UI message stream protocol (chunk objects). */
function aiInput(priorCount: number, deltas: readonly string[]): AiInput {
  const prior: UIMessage[] = priorTexts(priorCount).map(({ id, role, text }) => ({
    id,
    role,
    parts: [{ type: 'text', text, state: 'done' }],
  }));
  const chunks: UIMessageChunk[] = [
    { type: 'start', messageId: 'answer' },
    { type: 'start-step' },
    { type: 'text-start', id: 'text-0' },
    ...deltas.map((delta): UIMessageChunk => ({ type: 'text-delta', id: 'text-0', delta })),
    { type: 'text-end', id: 'text-0' },
    { type: 'finish-step' },
    { type: 'finish', finishReason: 'stop' },
  ];
  return { prior, chunks, firstDelta: 3 };
}

// ---- contenders ----------------------------------------------------------------------------------

interface Inputs {
  ours: OurInput;
  ai: AiInput;
  expected: string;
  firstPrior: string;
  rows: number;
}

function inputs(priorCount: number, deltas: readonly string[]): Inputs {
  return {
    ours: ourInput(priorCount, deltas),
    ai: aiInput(priorCount, deltas),
    expected: deltas.join(''),
    firstPrior: priorTexts(1)[0]?.text ?? '',
    rows: priorCount + 2,
  };
}

interface Contender {
  library: string;
  batching: string;
  run: (input: Inputs) => Promise<RenderRun>;
}

const ours = (throttle: ChatThrottle) => (input: Inputs) => runOurs(input.ours, throttle);
const aiSdk = (throttle: number | undefined) => (input: Inputs) => runAiSdk(input.ai, throttle);

const contenders: Contender[] = [
  { library: 'ours', batching: "`throttle: 'frame'` (default; jsdom rAF)", run: ours('frame') },
  { library: 'ours', batching: '`throttle: false` (unbatched)', run: ours(false) },
  { library: 'AI SDK', batching: 'default (no throttle)', run: aiSdk(undefined) },
  { library: 'AI SDK', batching: '`experimental_throttle: 16`', run: aiSdk(16) },
];

/** Runs `contender` once and throws unless the document shows the whole conversation and answer. */
async function checkedRun(contender: Contender, input: Inputs): Promise<RenderRun> {
  const run = await contender.run(input);
  const name = `${contender.library}, ${contender.batching}`;
  if (run.rows !== input.rows) throw new Error(`${name}: ${run.rows} rows, expected ${input.rows}`);
  if (run.firstText !== input.firstPrior) throw new Error(`${name}: first row text differs`);
  if (run.lastText !== input.expected) {
    throw new Error(
      `${name}: final text has ${run.lastText.length} characters, expected ${input.expected.length}`,
    );
  }
  if (!Number.isFinite(run.wallMs) || run.listCommits < 1) throw new Error(`${name}: no timed commit`);
  return run;
}

/** Medians over the timed runs of one contender at one prior count. */
interface Summary {
  wallMs: number;
  minMs: number;
  maxMs: number;
  listCommits: number;
  rootCommits: number;
  listRenderMs: number;
  rowRenders: number;
  rowSelections: number;
}

const summarise = (runs: readonly RenderRun[]): Summary => ({
  wallMs: median(runs.map((run) => run.wallMs)),
  minMs: Math.min(...runs.map((run) => run.wallMs)),
  maxMs: Math.max(...runs.map((run) => run.wallMs)),
  listCommits: median(runs.map((run) => run.listCommits)),
  rootCommits: median(runs.map((run) => run.rootCommits)),
  listRenderMs: median(runs.map((run) => run.listRenderMs)),
  rowRenders: median(runs.map((run) => run.rowRenders)),
  rowSelections: median(runs.map((run) => run.rowSelections)),
});

/** Our rows' message reads; the AI SDK's rows have none. */
const selections = (library: string, count: number): string => (library === 'ours' ? String(count) : '—');

// ---- report --------------------------------------------------------------------------------------

const ms = (value: number): string => value.toFixed(value < 100 ? 1 : 0);
const us = (value: number): string => value.toFixed(1);
const load = (): string =>
  loadavg()
    .map((value) => value.toFixed(1))
    .join(' / ');

/** Where the runs of contender `index` at `prior` prior messages are kept. */
const key = (index: number, prior: number): string => `${index}@${prior}`;

async function main(): Promise<void> {
  const started = performance.now();
  const loadBefore = load();
  const deltas = makeDeltas(DELTAS, 0x7e47);
  const byPrior = new Map(PRIORS.map((count) => [count, inputs(count, deltas)] as const));

  // Per-token cost: every contender at every prior count, rounds in rotating order.
  const results = new Map<string, RenderRun[]>();
  for (const prior of PRIORS) {
    const input = byPrior.get(prior) as Inputs;
    for (let round = 0; round < WARMUP_ROUNDS + ROUNDS; round++) {
      for (let k = 0; k < contenders.length; k++) {
        const index = (round + k) % contenders.length;
        const run = await checkedRun(contenders[index] as Contender, input);
        if (round >= WARMUP_ROUNDS)
          results.set(key(index, prior), [...(results.get(key(index, prior)) ?? []), run]);
      }
    }
    console.log(`${prior} prior messages done ${formatElapsed(started)}`);
  }

  const rows: string[][] = [];
  const ratios = new Map<number, number>();
  contenders.forEach((contender, index) => {
    const [small, large] = PRIORS.map((prior) => summarise(results.get(key(index, prior)) ?? [])) as [
      Summary,
      Summary,
    ];
    ratios.set(index, large.wallMs / small.wallMs);
    for (const [prior, summary] of [
      [PRIORS[0], small],
      [PRIORS[1], large],
    ] as const) {
      rows.push([
        contender.library,
        contender.batching,
        String(prior),
        `${ms(summary.wallMs)} (${ms(summary.minMs)}–${ms(summary.maxMs)})`,
        us((summary.wallMs / DELTAS) * 1000),
        String(summary.listCommits),
        String(summary.rootCommits),
        String(summary.rowRenders),
        selections(contender.library, summary.rowSelections),
        ms(summary.listRenderMs),
        prior === PRIORS[1] ? formatRatio(large.wallMs / small.wallMs) : '',
        prior === PRIORS[1] ? formatRatio(large.minMs / small.minMs) : '',
      ]);
    }
  });

  // The long stream: one run per contender (all warm by now).
  const longDeltas = makeDeltas(LONG_DELTAS, 0x10e6);
  const longInput = inputs(LONG_PRIOR, longDeltas);
  const longRows: string[][] = [];
  for (const contender of contenders) {
    const run = await checkedRun(contender, longInput);
    longRows.push([
      contender.library,
      contender.batching,
      ms(run.wallMs),
      us((run.wallMs / LONG_DELTAS) * 1000),
      String(run.listCommits),
      String(run.rootCommits),
      String(run.rowRenders),
      selections(contender.library, run.rowSelections),
      ms(run.listRenderMs),
    ]);
    console.log(
      `${LONG_DELTAS} deltas: ${contender.library}, ${contender.batching} ${formatElapsed(started)}`,
    );
  }

  const oursBatched = ratios.get(0) ?? Number.NaN;
  writeResult('react-render', [
    '## React rendering',
    '',
    'A streamed answer rendered below 10 or 1,000 prior messages with `react-dom/client` 19 ' +
      '(`react-dom/profiling`, React production builds, so `<Profiler onRender>` reports) into a **jsdom** ' +
      'document, not a real browser: no layout, style or paint, and jsdom DOM writes cost what they cost ' +
      'in jsdom. **ours**: `useStreamingChat({ initialMessages, fetch, throttle })` in the top component, ' +
      '`<ChatSessionProvider chat={chat}>`, a memoised transcript selecting the message ids ' +
      '(`useChatMessageIds`, a new list only when a message is added or removed) and memoised rows ' +
      'subscribed to their own message (`useChatMessage(id)`: the session tells only that row). ' +
      '**AI SDK**: `@ai-sdk/react` `useChat({ messages, transport, experimental_throttle })` in the top ' +
      'component, `messages.map` to `React.memo` rows taking the `message` prop. Both render the same ' +
      '`Row` (an `<li>` with the message text). Input: the same deterministic text deltas (1–5 words each, ' +
      'non-ASCII and emoji included). Ours receives them as the Anthropic SSE response of a ' +
      "`@chatstream/mocks` `scenario().text(…, { chunking: deltas })` (`timing: 'instant'`, one body chunk " +
      "per event) through the session's `fetch`, and parses it; the AI SDK receives them as UI message " +
      'stream chunk objects (`start`, `start-step`, `text-start`, one `text-delta` per delta, `text-end`, ' +
      '`finish-step`, `finish`) from a custom `ChatTransport`, its cheapest path (no SSE parsing, no ' +
      'schema validation), so non-rendering work favours the AI SDK. Delivery is at full speed but one ' +
      "chunk per macrotask (`setImmediate` in the body's `pull`), as network chunks arrive; ours' " +
      "`'frame'` batching runs on jsdom's `requestAnimationFrame` (`pretendToBeVisual`, a 60 Hz timer). " +
      'The app is mounted untimed, then one message is sent. **total** = first text delta handed to the ' +
      'library → last commit of a `Profiler` around the message list (median of ' +
      `${ROUNDS} runs after ${WARMUP_ROUNDS} warm-up round(s), rotating order; min–max in brackets); ` +
      `**per token** = total / ${DELTAS.toLocaleString('en-US')} deltas; **list commits** = that ` +
      "Profiler's `onRender` calls; **app commits** = a Profiler around the whole app; **row renders** = " +
      "calls of the shared `Row`; **row message reads** = our rows' `session.getMessage` calls (the per-row store read); " +
      "**list render ms** = the list Profiler's summed `actualDuration` (render phase only, not DOM " +
      'commit). Every run is checked before it counts: prior + 2 rows, the first row showing the first ' +
      'prior message and the last row exactly the joined deltas. No GC is forced before a run (a full ' +
      "collection shrinks V8's young generation, and the next ~2,000 deltas then ran about twice as " +
      'slow, a harness artefact). The machine is shared (2 cores, other benchmarks running; load average ' +
      `${loadBefore} at the start, ${load()} at the end), so single figures move by tens of per cent ` +
      `between runs; node ${process.version}. Ours batched: 1000/10 per-token ratio ` +
      `${formatRatio(oursBatched)} (goal ≤ 1.20×: ${oursBatched <= 1.2 ? 'met' : 'not met'} in this run); ` +
      'with this much noise, the ratio of the fastest runs is shown too.',
    '',
    ...markdownTable(
      [
        'library',
        'batching',
        'prior messages',
        'total ms',
        'per token µs',
        'list commits',
        'app commits',
        'row renders',
        'row message reads',
        'list render ms',
        'per-token ratio 1000/10',
        'ratio of fastest runs',
      ],
      rows,
    ),
    '',
    `### ${LONG_DELTAS.toLocaleString('en-US')}-delta stream`,
    '',
    `${LONG_PRIOR} prior messages, ${(longInput.expected.length / 1e3).toFixed(0)} k characters of answer, ` +
      'one run per contender after the rounds above, measured and checked the same way.',
    '',
    ...markdownTable(
      [
        'library',
        'batching',
        'total ms',
        'per token µs',
        'list commits',
        'app commits',
        'row renders',
        'row message reads',
        'list render ms',
      ],
      longRows,
    ),
  ]);
  console.log(formatElapsed(started));
}

await main();
