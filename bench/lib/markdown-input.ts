// Seeded assistant-style markdown for the streaming-markdown benchmark, in Node (jsdom) and in the
// Chromium page alike.
import { pick, random, WORDS } from './anthropic-stream.ts';

function sentence(rand: () => number): string {
  const words = Array.from({ length: 6 + Math.floor(rand() * 14) }, () => pick(rand, WORDS));
  const emphasis = Math.floor(rand() * 6);
  if (emphasis === 0) words[1] = `**${words[1]}**`;
  if (emphasis === 1) words[2] = `\`${words[2]}\``;
  if (emphasis === 2) words[3] = `[${words[3]}](https://example.com/${words[3]})`;
  return `${words.join(' ')}.`;
}

/** Realistic assistant markdown: headings, paragraphs, lists, code fences and tables, seeded. */
export function markdownDocument(bytes: number, seed: number): string {
  const rand = random(seed);
  const blocks: string[] = [];
  let length = 0;
  while (length < bytes) {
    const kind = rand();
    let block: string;
    if (kind < 0.1) block = `## ${sentence(rand).slice(0, 40)}`;
    else if (kind < 0.55)
      block = Array.from({ length: 1 + Math.floor(rand() * 4) }, () => sentence(rand)).join(' ');
    else if (kind < 0.75)
      block = Array.from({ length: 2 + Math.floor(rand() * 4) }, () => `- ${sentence(rand)}`).join('\n');
    else if (kind < 0.9) {
      const lines = Array.from(
        { length: 2 + Math.floor(rand() * 8) },
        (_, i) => `const v${i} = compute(${i}, "${pick(rand, WORDS)}");`,
      );
      block = `\`\`\`ts\n${lines.join('\n')}\n\`\`\``;
    } else {
      const rows = Array.from(
        { length: 2 + Math.floor(rand() * 4) },
        () => `| ${pick(rand, WORDS)} | ${Math.floor(rand() * 1000)} |`,
      );
      block = `| name | value |\n| --- | ---: |\n${rows.join('\n')}`;
    }
    blocks.push(block);
    length += block.length + 2;
  }
  return blocks.join('\n\n');
}

/** `count` deltas of 1–8 characters cut from more of the same markdown (what the model writes next). */
export function markdownDeltas(count: number, seed: number): string[] {
  const rand = random(seed);
  const source = `\n\n${markdownDocument(count * 8, seed + 1)}`;
  const pieces: string[] = [];
  for (let at = 0; pieces.length < count;) {
    const size = 1 + Math.floor(rand() * 8);
    pieces.push(source.slice(at, at + size));
    at += size;
  }
  return pieces;
}
