// The whole test suite, step by step: format, lint, types, tests (Node, jsdom, Chromium, Storybook),
// build, package checks, the packed packages in a throwaway app, size, then the built demo end to end
// in Chromium, and in Firefox and WebKit (Safari's engine).
// Stops at the first failing step; ends with one plain summary line of the test counts.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { pnpmCommand } from './pnpm-command.mjs';

const report = 'node_modules/.cache/vitest.json';
/** @type {{ name: string, command: string[] }[]} */
const steps = [
  { name: 'format', command: ['oxfmt', '--check'] },
  { name: 'lint', command: ['oxlint', '--type-aware', '--deny-warnings'] },
  { name: 'types', command: ['tsc', '-p', 'tsconfig.json'] },
  { name: 'types (demo)', command: ['tsc', '-p', 'apps/demo/tsconfig.json'] },
  {
    name: 'tests',
    command: ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`],
  },
  { name: 'build', command: ['pnpm', '-r', '--filter', './packages/*', 'run', 'build'] },
  { name: 'packages', command: ['pnpm', '-r', '--filter', './packages/*', 'run', 'package:check'] },
  { name: 'packed consumer', command: ['node', 'scripts/check-consumer.mjs'] },
  { name: 'size', command: ['size-limit'] },
  { name: 'demo build', command: ['pnpm', '--filter', '@chatstream/demo', 'run', 'build'] },
  { name: 'e2e', command: ['playwright', 'test', '-c', 'e2e/playwright.config.ts'] },
  {
    name: 'e2e (Firefox, WebKit)',
    command: [
      'node',
      '--import',
      'tsx',
      '--test',
      '--test-concurrency=1',
      '--test-reporter=spec',
      'e2e/browsers/firefox.test.ts',
      'e2e/browsers/webkit.test.ts',
    ],
  },
];

rmSync(report, { force: true });
/** @type {string[]} */
const timings = [];
/** @type {string | undefined} */
let failed;
for (const { name, command } of steps) {
  console.log(`\n━━ ${name}: ${command.join(' ')}`);
  const started = Date.now();
  const [program = '', ...args] = command[0] === 'pnpm' ? pnpmCommand(command.slice(1)) : command;
  const result = spawnSync(program, args, { stdio: 'inherit', shell: process.platform === 'win32' });
  timings.push(`${name} ${((Date.now() - started) / 1000).toFixed(1)}s`);
  if (result.status !== 0) {
    failed = name;
    break;
  }
}

console.log(`\n${timings.join(' · ')}`);
if (failed) console.error(`✗ step "${failed}" failed`);
if (existsSync(report)) {
  const results = JSON.parse(readFileSync(report, 'utf8'));
  const skipped = results.numPendingTests + results.numTodoTests;
  console.log(
    `vitest: ${results.numPassedTests} passed, ${results.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}`,
  );
}
process.exit(failed ? 1 : 0);
