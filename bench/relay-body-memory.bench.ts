// What a large request body costs the relay in memory: @chatstream/server (createChatHandler behind
// createNodeHandler on node:http, maxBodyBytes 40 MiB) against a minimal hand-written relay on
// node:http with the official SDK (the body read as text, JSON.parse, `messages.create({ ...body,
// stream: true }).asResponse()`, the upstream body piped to the client), both in front of the
// loopback fake Anthropic API (instant timing, `basic`) in this process. Each relay runs alone in a
// child process of its own, a fresh one per case and run, warmed up by one small request; it samples
// its own process.memoryUsage() every 2 ms while this process posts the bodies with fetch, and
// reports its peaks over its idle baseline (after a GC) and what stays after a GC. Cases: one 30 MiB
// body, four at once, one 4 MiB body; two runs of each per relay. Every answer must be 200 and read
// to the scenario's expectedMessage, so a relay that fails fast cannot look cheap. Bounded: every
// step has a deadline, the children are stopped and the process exits when done.
// Run: node --expose-gc --import tsx --conditions=@chatstream/source bench/relay-body-memory.bench.ts
import { type ChildProcess, fork } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { isDeepStrictEqual } from 'node:util';
import type Anthropic from '@anthropic-ai/sdk';
import {
  canCollectGarbage,
  collectGarbage,
  formatElapsed,
  formatMiB,
  formatRatio,
  markdownTable,
  median,
  writeResult,
} from './lib/measure.ts';

const MIB = 1024 * 1024;
const RELAYS = ['ours', 'peer'] as const;
type RelayName = (typeof RELAYS)[number];
const CASES = [
  { label: '1 × 30 MiB', size: 30 * MIB, concurrent: 1 },
  { label: '4 × 30 MiB at once', size: 30 * MIB, concurrent: 4 },
  { label: '1 × 4 MiB', size: 4 * MIB, concurrent: 1 },
];
const RUNS = 2;
const OUR_MAX_BODY_BYTES = 40 * MIB;
const WARMUP_SIZE = 1024;
const SAMPLE_EVERY_MS = 2;
const STEP_DEADLINE_MS = 60_000;
const TOTAL_DEADLINE_MS = 170_000;
// The child learns its part and where the fake API is from its environment.
const ROLE_VARIABLE = 'CHATSTREAM_BENCH_RELAY';
const BASE_URL_VARIABLE = 'CHATSTREAM_BENCH_FAKE_BASE_URL';
const KEY_VARIABLE = 'CHATSTREAM_BENCH_FAKE_KEY';

/** What the parent asks of a relay process. */
type Command = { type: 'start' } | { type: 'stop' };

/** A relay process's peaks over its idle baseline, in bytes. */
interface MemoryReport {
  peakRss: number;
  /** heapUsed + external (which already counts arrayBuffers). */
  peakHeap: number;
  /** heapUsed + external after a GC once every answer was read. */
  heapAfterGc: number;
  /** The kernel's own high-water mark of RSS (VmHWM), which also sees synchronous work between samples. */
  peakRssKernel: number | undefined;
  samples: number;
}

type Answer =
  | { type: 'ready'; url: string }
  | { type: 'sampling' }
  | { type: 'report'; report: MemoryReport }
  | { type: 'error'; message: string };

// ——— The relay process ———

interface Usage {
  rss: number;
  heap: number;
}

function usage(): Usage {
  const { rss, heapUsed, external } = process.memoryUsage();
  return { rss, heap: heapUsed + external };
}

/** Reads VmHWM from /proc (Linux); undefined elsewhere. */
function kernelPeakRss(): number | undefined {
  try {
    const match = /VmHWM:\s+(\d+) kB/u.exec(readFileSync('/proc/self/status', 'utf8'));
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Resets VmHWM to the current RSS (Linux); false when it cannot. */
function resetKernelPeakRss(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

async function settledUsage(): Promise<Usage> {
  // Let sockets close and timers fire before measuring what stays.
  await new Promise((resolve) => setTimeout(resolve, 100));
  collectGarbage();
  collectGarbage();
  return usage();
}

async function ourListener(baseURL: string, apiKey: string): Promise<Listener> {
  const { createChatHandler } = await import('../packages/server/src/index.ts');
  const { createNodeHandler } = await import('../packages/server/src/node.ts');
  return createNodeHandler(createChatHandler({ apiKey, baseURL, maxBodyBytes: OUR_MAX_BODY_BYTES }));
}

type Listener = (request: IncomingMessage, response: ServerResponse) => void;

/** The relay one writes by hand with the official SDK, no more than a relay needs. */
async function peerListener(baseURL: string, apiKey: string): Promise<Listener> {
  const { default: AnthropicClient } = await import('@anthropic-ai/sdk');
  const { text } = await import('node:stream/consumers');
  const { Readable } = await import('node:stream');
  const { pipeline } = await import('node:stream/promises');
  // No retries, as ours makes none.
  const client = new AnthropicClient({ apiKey, baseURL, maxRetries: 0 });
  const relay = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const body = JSON.parse(await text(request)) as Anthropic.MessageCreateParamsStreaming;
    const upstream = await client.messages.create({ ...body, stream: true }).asResponse();
    response.writeHead(upstream.status, {
      'content-type': upstream.headers.get('content-type') ?? 'application/json',
    });
    if (upstream.body)
      await pipeline(Readable.fromWeb(upstream.body as NodeReadableStream<Uint8Array>), response);
    else response.end();
  };
  return (request, response) => {
    relay(request, response).catch(() => {
      if (response.headersSent) response.destroy();
      else response.writeHead(500).end();
    });
  };
}

function answer(message: Answer): void {
  process.send?.(message);
}

/** A child process: serves one relay on 127.0.0.1 and measures itself when the parent asks. */
async function serveRelay(name: RelayName): Promise<void> {
  const baseURL = process.env[BASE_URL_VARIABLE] ?? '';
  const apiKey = process.env[KEY_VARIABLE] ?? '';
  const listener = name === 'ours' ? await ourListener(baseURL, apiKey) : await peerListener(baseURL, apiKey);
  const server = createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  let baseline = usage();
  let peak = baseline;
  let samples = 0;
  let sampler: NodeJS.Timeout | undefined;
  let kernelPeakReset = false;
  const sample = (): void => {
    const now = usage();
    peak = { rss: Math.max(peak.rss, now.rss), heap: Math.max(peak.heap, now.heap) };
    samples += 1;
  };
  const handle = async (command: Command): Promise<Answer> => {
    if (command.type === 'start') {
      baseline = await settledUsage();
      peak = baseline;
      samples = 0;
      kernelPeakReset = resetKernelPeakRss();
      sampler = setInterval(sample, SAMPLE_EVERY_MS);
      return { type: 'sampling' };
    }
    clearInterval(sampler);
    sample();
    const kernelPeak = kernelPeakReset ? kernelPeakRss() : undefined;
    const after = await settledUsage();
    return {
      type: 'report',
      report: {
        peakRss: peak.rss - baseline.rss,
        peakHeap: peak.heap - baseline.heap,
        heapAfterGc: after.heap - baseline.heap,
        peakRssKernel: kernelPeak === undefined ? undefined : kernelPeak - baseline.rss,
        samples,
      },
    };
  };
  process.on('message', (command: Command) => {
    handle(command).then(answer, (error: unknown) => answer({ type: 'error', message: String(error) }));
  });
  // The parent is done (or gone): stop serving, and the process ends with its last socket.
  process.once('disconnect', () => {
    clearInterval(sampler);
    server.close();
    server.closeAllConnections();
  });
  answer({ type: 'ready', url: `http://127.0.0.1:${port}/api/chat` });
}

// ——— The parent: fake API, clients, report ———

interface Relay {
  url: string;
  ask(command: Command): Promise<Answer>;
  stop(): Promise<void>;
}

/** Waits for the child's next answer (after sending `command`, if any), failing on an error or exit. */
function nextAnswer(child: ChildProcess, command?: Command): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => settle(new Error(`no answer from the relay process in ${STEP_DEADLINE_MS} ms`)),
      STEP_DEADLINE_MS,
    );
    const onMessage = (message: Answer): void =>
      message.type === 'error' ? settle(new Error(message.message)) : settle(undefined, message);
    const onExit = (code: number | null): void => settle(new Error(`the relay process exited (${code})`));
    function settle(error?: Error, message?: Answer): void {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      if (error) reject(error);
      else resolve(message as Answer);
    }
    child.on('message', onMessage);
    child.once('exit', onExit);
    if (command) child.send(command);
  });
}

/** Forks this file as the process of relay `name` and waits until it listens. */
async function startRelayProcess(name: RelayName, baseURL: string, apiKey: string): Promise<Relay> {
  const script = process.argv[1];
  if (script === undefined) throw new Error('No script to run: process.argv[1] is missing');
  const child = fork(script, [], {
    execArgv: process.execArgv,
    env: { ...process.env, [ROLE_VARIABLE]: name, [BASE_URL_VARIABLE]: baseURL, [KEY_VARIABLE]: apiKey },
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    if (child.connected) child.disconnect();
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };
  try {
    const ready = await nextAnswer(child);
    if (ready.type !== 'ready') throw new Error(`the relay process answered ${ready.type}, not ready`);
    return { url: ready.url, ask: (command) => nextAnswer(child, command), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** One relay's figures for one run of one case. */
interface Run {
  report: MemoryReport;
  wallMs: number;
}

const rss = (run: Run): number => run.report.peakRss;
const heap = (run: Run): number => run.report.peakHeap;
const afterGc = (run: Run): number => run.report.heapAfterGc;
const mib = (bytes: number): string => `${formatMiB(bytes)} MiB`;

async function runParent(): Promise<void> {
  const { scenarios } = await import('../packages/mocks/src/index.ts');
  const { readMessageStream } = await import('../packages/reader/src/index.ts');
  const { startFakeAnthropic, TEST_KEY, TEST_MODEL } =
    await import('../packages/server/src/test/relay-fixture.ts');
  // A stuck run must not hold the machine: give up as a failure.
  setTimeout(() => {
    console.error(`relay-body-memory: gave up after ${TOTAL_DEADLINE_MS / 1000} s`);
    process.exit(1);
  }, TOTAL_DEADLINE_MS).unref();

  const started = performance.now();
  const expected = scenarios.basic.expectedMessage;
  // maxRequests 0: the fake API keeps no bodies, so this process stays small too.
  const fake = await startFakeAnthropic({ timing: 'instant', scenario: 'basic', maxRequests: 0 });
  // Built before any relay is measured, so this process does no big work of its own meanwhile.
  const bodies = new Map(
    [WARMUP_SIZE, ...CASES.map(({ size }) => size)].map((size) => [
      size,
      JSON.stringify({
        model: TEST_MODEL,
        max_tokens: 100,
        messages: [{ role: 'user', content: 'x'.repeat(size) }],
      }),
    ]),
  );
  const bodyOf = (size: number): string => bodies.get(size) ?? '';

  /** Posts one body; a problem with the answer, or undefined when it read to the expected message. */
  const problemOf = async (url: string, body: string): Promise<string | undefined> => {
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        signal: AbortSignal.timeout(STEP_DEADLINE_MS),
      });
      if (response.status !== 200)
        return `status ${response.status}: ${(await response.text()).slice(0, 300)}`;
      const message = await readMessageStream(response).finalMessage();
      return isDeepStrictEqual(message, expected)
        ? undefined
        : `a message other than basic's: ${JSON.stringify(message).slice(0, 300)}`;
    } catch (error) {
      return String(error);
    }
  };

  const runs = new Map<string, Run[]>();
  const runsOf = (relay: RelayName, caseIndex: number): Run[] => {
    const key = `${relay} ${caseIndex}`;
    const list = runs.get(key) ?? [];
    runs.set(key, list);
    return list;
  };
  let failed = false;

  try {
    for (let run = 0; run < RUNS && !failed; run++) {
      for (const [caseIndex, { label, size, concurrent }] of CASES.entries()) {
        // Rotate which relay goes first, so neither always follows the other.
        for (let turn = 0; turn < RELAYS.length && !failed; turn++) {
          const name = RELAYS[(run + caseIndex + turn) % RELAYS.length] as RelayName;
          const relay = await startRelayProcess(name, fake.baseURL, TEST_KEY);
          try {
            const warmup = await problemOf(relay.url, bodyOf(WARMUP_SIZE));
            const sampling = await relay.ask({ type: 'start' });
            if (sampling.type !== 'sampling') throw new Error(`start answered ${sampling.type}`);
            const begin = performance.now();
            const problems = await Promise.all(
              Array.from({ length: concurrent }, () => problemOf(relay.url, bodyOf(size))),
            );
            const wallMs = performance.now() - begin;
            const reported = await relay.ask({ type: 'stop' });
            if (reported.type !== 'report') throw new Error(`stop answered ${reported.type}`);
            const { report } = reported;
            runsOf(name, caseIndex).push({ report, wallMs });
            const wrong = [warmup, ...problems].filter((problem) => problem !== undefined);
            console.log(
              `run ${run + 1}, ${label}, ${name}: peak RSS +${formatMiB(report.peakRss)} MiB ` +
                `(kernel +${report.peakRssKernel === undefined ? '?' : formatMiB(report.peakRssKernel)}), ` +
                `heap+external +${formatMiB(report.peakHeap)} MiB, after GC ${formatMiB(report.heapAfterGc)} MiB, ` +
                `${report.samples} samples, ${wallMs.toFixed(0)} ms, ${wrong.length} wrong ${formatElapsed(started)}`,
            );
            if (wrong.length > 0) {
              failed = true;
              console.error(`${name} failed ${label}:`, wrong.slice(0, 3));
            }
          } finally {
            await relay.stop();
          }
        }
      }
    }
  } catch (error) {
    failed = true;
    console.error(error);
  } finally {
    await fake.close();
  }

  const medianOf = (relay: RelayName, caseIndex: number, pick: (run: Run) => number): number =>
    median(runsOf(relay, caseIndex).map(pick));
  const rows = CASES.map(({ label }, caseIndex) => {
    const ours = (pick: (run: Run) => number): number => medianOf('ours', caseIndex, pick);
    const peer = (pick: (run: Run) => number): number => medianOf('peer', caseIndex, pick);
    return [
      label,
      mib(ours(rss)),
      mib(peer(rss)),
      formatRatio(ours(rss) / peer(rss)),
      mib(ours(heap)),
      mib(peer(heap)),
      formatRatio(ours(heap) / peer(heap)),
      `${mib(ours(afterGc))} / ${mib(peer(afterGc))}`,
    ];
  });
  const ratioOf = (caseIndex: number, pick: (run: Run) => number): number =>
    medianOf('ours', caseIndex, pick) / medianOf('peer', caseIndex, pick);
  const heapRatio = ratioOf(0, heap);
  const verdict =
    heapRatio < 0.9
      ? 'ours holds less of a large body at once than the hand-written relay'
      : heapRatio > 1.1
        ? 'ours holds more of a large body at once than the hand-written relay'
        : 'a large body costs ours about what it costs the hand-written relay';
  const kept = Math.max(...[...runs.values()].flat().map(afterGc));
  const body30 = CASES[0]?.size ?? Number.NaN;
  writeResult('relay-body-memory', [
    '## What a large request body costs the relay in memory',
    '',
    `\`createChatHandler\` behind \`createNodeHandler\` on node:http (\`maxBodyBytes\` 40 MiB) against the peer: a minimal relay written by hand on node:http with the official \`@anthropic-ai/sdk\` (the body read with \`text()\` from \`node:stream/consumers\`, \`JSON.parse\`, \`client.messages.create({ ...body, stream: true }).asResponse()\`, the upstream body piped to the client). Both in front of the loopback fake Anthropic API (\`basic\`, instant timing) in the parent process, which also posts the bodies with \`fetch\` (\`{ model, max_tokens: 100, messages: [{ role: 'user', content: 'x'.repeat(size) }] }\`). Each relay runs alone in a child process of its own, a fresh one per case and run, warmed up by one 1 KiB request; it samples its own \`process.memoryUsage()\` every ${SAMPLE_EVERY_MS} ms while the requests run. Figures are deltas over its idle baseline after a GC: peak RSS, peak heapUsed + external (external already counts arrayBuffers), and heap + external after a GC once every answer was read (what the body leaves behind); the console also prints the kernel's high-water mark of RSS (VmHWM), a check that the samples miss no peak. Every answer was 200 and read by \`readMessageStream\` to \`basic\`'s \`expectedMessage\`. Medians of ${RUNS} runs; ${process.version}, 2 shared cores. Command: \`pnpm bench relay-body-memory\`.`,
    '',
    ...markdownTable(
      [
        'case',
        'ours peak RSS Δ',
        'peer peak RSS Δ',
        'RSS ours/peer',
        'ours peak heap+external Δ',
        'peer peak heap+external Δ',
        'heap+external ours/peer',
        'heap+external after GC Δ, ours / peer',
      ],
      rows,
    ),
    '',
    failed
      ? '**The run failed**: see the console output.'
      : `For one 30 MiB body our relay's peak heap + external is ${formatRatio(heapRatio)} the peer's (${(medianOf('ours', 0, heap) / body30).toFixed(1)} and ${(medianOf('peer', 0, heap) / body30).toFixed(1)} times the body) and its peak RSS ${formatRatio(ratioOf(0, rss))}: ${verdict}, and ${kept < MIB ? 'neither keeps any of it once the answer is read' : `a relay keeps up to ${mib(kept)} of it after a GC`}. Peak RSS moves more between runs than heap + external (V8 and malloc reuse pages they already hold).${canCollectGarbage ? '' : ' (Run with --expose-gc for meaningful figures.)'}`,
  ]);
  if (failed) process.exitCode = 1;
}

const role = process.env[ROLE_VARIABLE] as RelayName | undefined;
if (role === undefined) await runParent();
else await serveRelay(role);
