// Entry point of the two README commands (`npm run demo`, `npm test`): works on a machine with
// only Node and npm. It checks Node, installs the pinned pnpm through npx when it is missing,
// installs the workspace from the lockfile, then runs the requested pnpm script.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const script = process.argv[2];
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(
    `chatstream needs Node >= 20.19 (this is ${process.version}). Install a current Node LTS and retry.`,
  );
  process.exit(1);
}

const pinned = JSON.parse(readFileSync('package.json', 'utf8')).packageManager; // e.g. pnpm@10.34.9
const version = pinned.split('@')[1];
const local = spawnSync('pnpm', ['--version'], { encoding: 'utf8', shell: process.platform === 'win32' });
const pnpm = local.status === 0 && local.stdout.trim() === version ? ['pnpm'] : ['npx', '--yes', pinned];

function run(args) {
  const [command, ...rest] = [...pnpm, ...args];
  const result = spawnSync(command, rest, { stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

run(['install', '--frozen-lockfile', '--prefer-offline']);
run(['run', script, ...process.argv.slice(3)]);
