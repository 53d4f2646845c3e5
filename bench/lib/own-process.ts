// Measuring a group of contenders in a Node process of its own. V8 optimises a library's hot code
// for the callers it has seen: when two contenders use the same library with different callbacks
// (our decoder with and without the event decoder, say), the library's call into the callback
// turns polymorphic and each runs ~10 % slower than in an app, which has one caller. A process per
// group keeps every library to one caller, peers' and ours alike.
import { spawnSync } from 'node:child_process';
import type { Rounds } from './measure.ts';

const TASK_VARIABLE = 'CHATSTREAM_BENCH_TASK';

/** The task this process was started for by {@link measureInOwnProcess}, or `undefined` in the parent. */
export const ownProcessTask: string | undefined = process.env[TASK_VARIABLE];

/**
 * Runs this bench file again in a new Node process (same flags) with {@link ownProcessTask} set to
 * `task`, and returns the rounds that process reported through {@link reportRounds}. Its other
 * output goes to this process's stderr.
 */
export function measureInOwnProcess(task: string): Rounds {
  const script = process.argv[1];
  if (script === undefined) throw new Error('No script to run: process.argv[1] is missing');
  const child = spawnSync(process.execPath, [...process.execArgv, script], {
    env: { ...process.env, [TASK_VARIABLE]: task },
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  if (child.status !== 0) throw new Error(`Task ${task} failed (exit ${child.status}): ${child.stdout}`);
  const lines = child.stdout.trim().split('\n');
  return new Map(JSON.parse(lines.at(-1) ?? '[]') as [string, number[]][]);
}

/** Hands a child process's measured rounds to the parent that started it (its last line of stdout). */
export function reportRounds(rounds: Rounds): void {
  process.stdout.write(`\n${JSON.stringify([...rounds])}\n`);
}
