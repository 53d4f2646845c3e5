// Runs every bench/*.bench.ts in its own process (so one benchmark's heap and JIT state never
// colour another's) and gathers their markdown results into bench/RESULTS.md.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const only = process.argv.slice(2);
const benchDir = 'bench';
const files = readdirSync(benchDir)
  .filter((file) => file.endsWith('.bench.ts'))
  .filter((file) => only.length === 0 || only.some((name) => file.includes(name)))
  .toSorted();

for (const file of files) {
  console.log(`\n▶ ${file}`);
  const run = spawnSync(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', '--conditions=@chatstream/source', join(benchDir, file)],
    { stdio: 'inherit' },
  );
  if (run.status !== 0) {
    console.error(`${file} failed (exit ${run.status})`);
    process.exit(run.status ?? 1);
  }
}

const sections = readdirSync(join(benchDir, 'results'))
  .filter((file) => file.endsWith('.md'))
  .toSorted()
  .map((file) => readFileSync(join(benchDir, 'results', file), 'utf8').trim());
const header = `# Benchmark results\n\nWritten by \`npm run bench\` (node ${process.version}, ${process.platform}/${process.arch}). Each section comes from one file in \`bench/\`; peers run in the same run as ours, on the same input.\n`;
writeFileSync(join(benchDir, 'RESULTS.md'), [header, ...sections].join('\n\n') + '\n');
console.log(
  `\nWrote ${join(benchDir, 'RESULTS.md')}${existsSync(join(benchDir, 'RESULTS.md')) ? '' : ' (failed)'}`,
);
