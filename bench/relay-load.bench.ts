// The relay under load: 200 concurrent streams through @chatstream/server (createChatHandler behind
// createNodeHandler on node:http) against the loopback fake Anthropic API, one client in five
// leaving after its first chunk. Checks that every stream that stays is byte-identical to a direct
// fetch of the same scenario and that the fake API saw every abandoned upstream request aborted;
// reports time, throughput and memory (before, peak during, after each round with a full GC).
// Bounded: each round has a deadline and the process exits when done.
// Run: node --expose-gc --import tsx --conditions=@chatstream/source bench/relay-load.bench.ts
import { createChatHandler } from '../packages/server/src/index.ts';
import { startFakeAnthropic, startRelay, TEST_KEY } from '../packages/server/src/test/relay-fixture.ts';
import { runRelayLoad, type RelayLoadResult } from '../packages/server/src/test/run-relay-load.ts';
import {
  canCollectGarbage,
  collectGarbage,
  formatElapsed,
  formatMiB,
  markdownTable,
  writeResult,
} from './lib/measure.ts';

const STREAMS = 200;
const DISCONNECT_EVERY = 5;
const ROUNDS = Number(process.env['RELAY_LOAD_ROUNDS'] ?? 4);
const ROUND_DEADLINE_MS = 120_000;
const SCENARIOS = [
  'basic',
  'longAnswer',
  'toolUse',
  'multiTool',
  'thinking',
  'webSearch',
  'unicode',
  'futureEvents',
];
const TIMING = { timeToFirstToken: 150, tokensPerSecond: 250, jitter: 0.35 };

interface Memory {
  rss: number;
  heapUsed: number;
}

const memory = (): Memory => {
  const { rss, heapUsed } = process.memoryUsage();
  return { rss, heapUsed };
};

const settledMemory = async (): Promise<Memory> => {
  // Let sockets close and timers fire before measuring what stays.
  await new Promise((resolve) => setTimeout(resolve, 200));
  collectGarbage();
  collectGarbage();
  return memory();
};

const started = performance.now();
const fake = await startFakeAnthropic({ timing: TIMING });
// onFinish on, as a production relay that records usage runs: it reads every event it forwards.
const finished = { complete: 0, aborted: 0, error: 0 };
const relay = await startRelay(
  createChatHandler({
    apiKey: TEST_KEY,
    baseURL: fake.baseURL,
    onFinish: ({ outcome }) => {
      finished[outcome] += 1;
    },
  }),
);

interface Round {
  result: RelayLoadResult;
  reported: typeof finished;
  peak: Memory;
  after: Memory;
}

const rounds: Round[] = [];
let failed = false;
const before = await settledMemory();
try {
  for (let round = 1; round <= ROUNDS; round++) {
    Object.assign(finished, { complete: 0, aborted: 0, error: 0 });
    const peak = memory();
    const sampler = setInterval(() => {
      const now = memory();
      peak.rss = Math.max(peak.rss, now.rss);
      peak.heapUsed = Math.max(peak.heapUsed, now.heapUsed);
    }, 25);
    const result = await runRelayLoad({
      relayURL: relay.url,
      fake,
      streams: STREAMS,
      disconnectEvery: DISCONNECT_EVERY,
      scenarios: SCENARIOS,
      disconnectScenario: 'longAnswer',
      deadlineMs: ROUND_DEADLINE_MS,
    });
    clearInterval(sampler);
    const after = await settledMemory();
    const reported = { ...finished };
    rounds.push({ result, reported, peak, after });
    console.log(
      `round ${round}: ${result.identical}/${result.completed} identical, ${result.abortedUpstream}/${result.disconnected} aborted upstream, ` +
        `${(result.durationMs / 1000).toFixed(1)} s, heap after ${formatMiB(after.heapUsed)} MiB ${formatElapsed(started)}`,
    );
    const expectedStay = STREAMS - Math.floor(STREAMS / DISCONNECT_EVERY);
    const ok =
      result.problems.length === 0 &&
      result.completed === expectedStay &&
      result.identical === expectedStay &&
      result.disconnected === STREAMS - expectedStay &&
      result.abortedUpstream === result.disconnected &&
      result.completedUpstream === expectedStay &&
      reported.complete === expectedStay &&
      reported.aborted === result.disconnected &&
      reported.error === 0;
    if (!ok) {
      failed = true;
      console.error(`round ${round} failed:`, reported, result.problems.slice(0, 10));
      break;
    }
  }
} finally {
  await relay.close();
  await fake.close();
}

const end = await settledMemory();
const first = rounds[0];
const last = rounds.at(-1);
const rows = rounds.map(({ result, reported, peak, after }, index) => [
  `${index + 1}`,
  `${result.identical} / ${result.completed}`,
  `${result.abortedUpstream} / ${result.disconnected}`,
  `${reported.complete} / ${reported.aborted} / ${reported.error}`,
  `${(result.durationMs / 1000).toFixed(2)} s`,
  `${formatMiB(result.bytes, 2)} MiB`,
  `${formatMiB(peak.rss)} MiB`,
  `${formatMiB(peak.heapUsed)} MiB`,
  `${formatMiB(after.rss)} MiB`,
  `${formatMiB(after.heapUsed)} MiB`,
]);
const heapGrowth = first && last ? last.after.heapUsed - first.after.heapUsed : 0;
writeResult('relay-load', [
  '## Relay under load: 200 concurrent streams',
  '',
  `\`createChatHandler\` behind \`createNodeHandler\` on node:http, in front of the loopback fake Anthropic API from \`@chatstream/mocks/server\` (realistic timing: ${TIMING.timeToFirstToken} ms to first token, ${TIMING.tokensPerSecond} tokens/s ± ${TIMING.jitter * 100} %), the official SDK making the upstream calls. Each round opens ${STREAMS} streams at once over ${SCENARIOS.length} content scenarios; every ${DISCONNECT_EVERY}th client leaves after its first chunk of \`longAnswer\`. "identical" counts streams byte-for-byte equal to a direct fetch of the same scenario; "aborted upstream" counts the abandoned streams the fake API recorded as aborted by the relay. The relay has \`onFinish\` set, as one that records usage would (it then reads every event it forwards); "onFinish" counts the outcomes it reported, which must be one \`complete\` per stream that stayed and one \`aborted\` per client that left. Clients, relay and fake API share one Node process (${process.version}, 2 shared cores: expect noise), so the memory figures cover all three. Command: \`node --expose-gc --import tsx --conditions=@chatstream/source bench/relay-load.bench.ts\` (or \`pnpm bench relay-load\`).`,
  '',
  ...markdownTable(
    [
      'round',
      'identical / completed',
      'aborted upstream / left',
      'onFinish complete / aborted / error',
      'wall time',
      'relayed',
      'peak RSS',
      'peak heap',
      'RSS after GC',
      'heap after GC',
    ],
    rows,
  ),
  '',
  `Memory before the first round: RSS ${formatMiB(before.rss)} MiB, heap ${formatMiB(before.heapUsed)} MiB; after closing both servers: RSS ${formatMiB(end.rss)} MiB, heap ${formatMiB(end.heapUsed)} MiB. Heap after GC, last round against the first: ${heapGrowth >= 0 ? '+' : ''}${formatMiB(heapGrowth, 2)} MiB${canCollectGarbage ? '' : ' (run with --expose-gc for meaningful figures)'}.${failed ? '\n\n**The run failed**: see the console output.' : ''}`,
]);
if (failed) process.exitCode = 1;
