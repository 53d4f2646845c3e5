// What resumable streams cost the relay: 200 concurrent streams through @chatstream/server with
// resume off, with resume kept in memory (the default), and with resume kept in a real Redis
// (redis-server on loopback, node-redis). In each round every set-up runs once, in rotating order;
// one client in five drops its connection after its first chunk and, where resume is on, reads on
// from its last event. Every answer that was read whole must equal a direct fetch of the scenario
// (without the `id:` lines resume adds). Reports wall time and CPU time (this process: clients,
// relay and fake API; plus redis-server's own), medians over the rounds.
// Run: node --expose-gc --import tsx --conditions=@chatstream/source bench/relay-resume.bench.ts
import { readFileSync } from 'node:fs';
import { createClient } from 'redis';
import {
  type ChatHandlerOptions,
  createChatHandler,
  createRedisResumeStore,
  nodeRedisConnection,
} from '../packages/server/src/index.ts';
import { startRedisServer } from '../packages/server/src/test/redis-server.ts';
import {
  chatBody,
  fetchDirect,
  startFakeAnthropic,
  startRelay,
  TEST_KEY,
} from '../packages/server/src/test/relay-fixture.ts';
import { lastEventId, withoutIds } from '../packages/server/src/test/resume-requests.ts';
import { collectGarbage, formatElapsed, markdownTable, median, writeResult } from './lib/measure.ts';

const STREAMS = 200;
const DROP_EVERY = 5;
const ROUNDS = Number(process.env['RELAY_RESUME_ROUNDS'] ?? 3);
const SCENARIOS = ['basic', 'longAnswer', 'toolUse', 'multiTool', 'thinking', 'webSearch', 'unicode'];
const TIMING = { timeToFirstToken: 150, tokensPerSecond: 250, jitter: 0.35 };
const decoder = new TextDecoder();

const started = performance.now();
const fake = await startFakeAnthropic({ timing: TIMING });
const redis = await startRedisServer();
const client = await createClient({ url: redis.url }).connect();
const subscriber = await client.duplicate().connect();
const redisStore = createRedisResumeStore(nodeRedisConnection(client, subscriber));

const base = { apiKey: TEST_KEY, baseURL: fake.baseURL };
const setups: [name: string, options: ChatHandlerOptions][] = [
  ['resume off', base],
  ['resume in memory', { ...base, resume: true }],
  ['resume in Redis', { ...base, resume: { store: redisStore } }],
];
const relays = await Promise.all(setups.map(([, options]) => startRelay(createChatHandler(options))));

const expected = new Map<string, string>();
for (const name of SCENARIOS) expected.set(name, (await fetchDirect(fake, name)).text);

/** CPU seconds redis-server used so far (utime + stime from /proc, in clock ticks of 10 ms). */
function redisCpuMs(): number {
  const pid = redis.pid;
  if (pid === undefined) return Number.NaN;
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Reads the whole body as text. */
function readAll(body: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(body).text();
}

/**
 * One client: streams `scenario`; a dropping client reads one chunk, drops the connection and, with
 * resume, reads on from its last whole event. Whether it read the whole answer, correctly.
 */
async function runClient(url: string, scenario: string, drops: boolean, resumes: boolean): Promise<boolean> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(chatBody(scenario)),
  });
  if (!drops) return withoutIds(await readAll(response.body!)) === expected.get(scenario);
  const reader = response.body!.getReader();
  const first = decoder.decode((await reader.read()).value);
  await reader.cancel();
  if (!resumes) return true;
  const whole = first.slice(0, first.lastIndexOf('\n\n') + 2);
  const rest = await fetch(url, {
    method: 'POST',
    headers: {
      'chatstream-resume': response.headers.get('chatstream-stream-id')!,
      'last-event-id': lastEventId(whole),
    },
  });
  return withoutIds(whole + (await readAll(rest.body!))) === expected.get(scenario);
}

interface Run {
  wallMs: number;
  cpuMs: number;
  redisCpuMs: number;
  whole: number;
  wrong: number;
}

async function runSetup(index: number): Promise<Run> {
  const url = relays[index]!.url;
  const resumes = setups[index]![1].resume !== undefined;
  fake.reset();
  collectGarbage();
  const cpu = process.cpuUsage();
  const redisBefore = redisCpuMs();
  const begin = performance.now();
  const results = await Promise.all(
    Array.from({ length: STREAMS }, (_, number) => {
      const drops = number % DROP_EVERY === DROP_EVERY - 1;
      return runClient(url, drops ? 'longAnswer' : SCENARIOS[number % SCENARIOS.length]!, drops, resumes);
    }),
  );
  await fake.settled();
  const wallMs = performance.now() - begin;
  const used = process.cpuUsage(cpu);
  const whole = results.filter(Boolean).length;
  return {
    wallMs,
    cpuMs: (used.user + used.system) / 1000,
    redisCpuMs: redisCpuMs() - redisBefore,
    whole,
    wrong: STREAMS - whole,
  };
}

const runs = setups.map((): Run[] => []);
let failed = false;
try {
  for (let round = 0; round < ROUNDS; round++) {
    for (let turn = 0; turn < setups.length; turn++) {
      const index = (round + turn) % setups.length;
      const run = await runSetup(index);
      runs[index]!.push(run);
      console.log(
        `round ${round + 1}, ${setups[index]![0]}: ${run.wallMs.toFixed(0)} ms, CPU ${run.cpuMs.toFixed(0)} ms + redis ${run.redisCpuMs.toFixed(0)} ms, ${run.wrong} wrong ${formatElapsed(started)}`,
      );
      if (run.wrong > 0) failed = true;
    }
  }
} finally {
  for (const relay of relays) await relay.close();
  await subscriber.close();
  await client.close();
  await redis.stop();
  await fake.close();
}

const off = runs[0]!;
const cpuOff = median(off.map((run) => run.cpuMs));
const rows = setups.map(([name], index) => {
  const own = runs[index]!;
  const cpu = median(own.map((run) => run.cpuMs));
  const redisCpu = index === 2 ? median(own.map((run) => run.redisCpuMs)) : 0;
  return [
    name,
    `${median(own.map((run) => run.wallMs)).toFixed(0)} ms`,
    `${cpu.toFixed(0)} ms`,
    index === 2 ? `${redisCpu.toFixed(0)} ms` : '—',
    `${((cpu + redisCpu) / cpuOff).toFixed(2)}×`,
    `${own.reduce((sum, run) => sum + run.wrong, 0)}`,
  ];
});
writeResult('relay-resume', [
  `## What resume costs the relay: ${STREAMS} concurrent streams`,
  '',
  `\`createChatHandler\` on node:http in front of the loopback fake Anthropic API (${TIMING.timeToFirstToken} ms to first token, ${TIMING.tokensPerSecond} tokens/s ± ${TIMING.jitter * 100} %), ${STREAMS} streams at once over ${SCENARIOS.length} content scenarios, three set-ups: resume off, resume kept in memory (\`resume: true\`), resume kept in a real Redis (\`redis-server\` 7 on loopback through node-redis, \`createRedisResumeStore\`). Every ${DROP_EVERY}th client drops its connection after its first chunk of \`longAnswer\`; with resume it reads on from its last event (one resume request), without it the answer is lost. Every answer read whole is compared with a direct fetch of its scenario (without the \`id:\` lines); "wrong" counts those that differ. CPU is this process's (clients, relay and fake API together, so the set-ups differ only by the relay's work) and, for Redis, redis-server's own. Medians of ${ROUNDS} rounds, set-ups in rotating order; ${process.version}, 2 shared cores. Command: \`pnpm bench relay-resume\` (needs \`redis-server\`: \`REDIS_SERVER\` or \`/usr/bin/redis-server\`).`,
  '',
  ...markdownTable(
    ['set-up', 'wall time', 'CPU (Node)', 'CPU (redis-server)', 'CPU against resume off', 'wrong'],
    rows,
  ),
  ...(failed ? ['', '**The run failed**: some answers were not whole; see the console output.'] : []),
]);
if (failed) process.exitCode = 1;
