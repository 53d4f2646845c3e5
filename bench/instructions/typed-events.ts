// The bytes → typed events pipeline of sse-throughput.bench.ts, run ROUNDS times over a stream
// read from STREAM_FILE in CHUNK-byte chunks: the workload count.sh counts.
import { readFileSync } from 'node:fs';
import { split } from '../lib/anthropic-stream.ts';
import { countTypedEvents } from '../lib/count-typed-events.ts';

const file = process.env['STREAM_FILE'];
if (file === undefined) throw new Error('Set STREAM_FILE to an Anthropic SSE stream');
const chunks = split(new Uint8Array(readFileSync(file)), Number(process.env['CHUNK'] ?? 1024));

let events = 0;
for (let round = 0; round < Number(process.env['ROUNDS'] ?? 1); round++) events += countTypedEvents(chunks);
console.log(`${events} events`);
