// Writes the benchmarks' deterministic Anthropic stream (4 MiB) to the file given as argument.
import { writeFileSync } from 'node:fs';
import { buildStream } from '../lib/anthropic-stream.ts';

const [file] = process.argv.slice(2);
if (file === undefined) throw new Error('Usage: write-stream.ts <file>');
writeFileSync(file, buildStream(4 * 1024 * 1024));
