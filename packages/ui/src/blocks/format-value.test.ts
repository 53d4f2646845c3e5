import type { ChatMessage } from '@chatstream/reader';
import { describe, expect, it } from 'vitest';
import { formatValue } from './format-value.ts';
import { renderBlock } from './test/render-block.tsx';

const long = (length: number): string => 'iVBORw0KGgo'.padEnd(length, 'A');

describe('formatValue', () => {
  it('shows the first 1,000 characters of a string of over 10,000 inside JSON, and how many were left out', () => {
    const text = formatValue({ type: 'image', source: { type: 'base64', data: long(5_243_000) } });
    expect(text).toContain(`"data": "${long(1000)}… (+5242000 characters)"`);
    expect(text).toContain('"type": "image"');
    expect(text.length).toBeLessThan(1200);
  });

  it('shows invisible characters that change how a text reads as their escapes, not a joiner in an emoji', () => {
    expect(
      formatValue({ path: 'report\u202Etxt.exe', name: 'lodash\u200B-utils', family: '👨\u200D👩' }),
    ).toBe(
      '{\n  "path": "report\\u202etxt.exe",\n  "name": "lodash\\u200b-utils",\n  "family": "👨\u200D👩"\n}',
    );
  });

  it('keeps a long string whole when asked (what a person approves)', () => {
    const path = `/tmp/cache.txt${' '.repeat(9990)} /home/user/.ssh/id_rsa`;
    expect(formatValue({ path })).not.toContain('id_rsa');
    expect(formatValue({ path }, undefined, true)).toContain('/home/user/.ssh/id_rsa');
  });

  it('keeps strings of up to 10,000 characters whole, so a long argument can be read', () => {
    expect(formatValue({ data: long(10_000) })).toBe(`{\n  "data": "${long(10_000)}"\n}`);
    expect(formatValue([long(10_001)])).toBe(`[\n  "${long(1000)}… (+9001 characters)"\n]`);
  });

  it('cuts an image inside a tool result but keeps its text', () => {
    const content = [
      { type: 'text', text: long(3000) },
      { type: 'image', source: { type: 'base64', media_type: 'image/png', data: long(90_000) } },
    ];
    const text = formatValue(content);
    expect(text).toContain(`"text": "${long(3000)}"`);
    expect(text).toContain('(+89000 characters)');
    expect(text.length).toBeLessThan(4300);
  });

  it('cuts only inside JSON: a plain string or text blocks are the value itself', () => {
    expect(formatValue({ text: long(20_000) })).toContain('(+19000 characters)');
    expect(formatValue(long(20_000))).toBe(long(20_000));
    expect(formatValue([{ type: 'text', text: long(20_000) }])).toBe(long(20_000));
  });

  it('keeps megabytes of base64 out of the fallback block of an attachment without its renderer', async () => {
    const data = long(2_000_000);
    const message: ChatMessage = {
      id: 'u',
      role: 'user',
      content: [{ type: 'image', source: { type: 'base64', media_type: 'image/png', data } }],
    };
    const screen = await renderBlock(message, 0);
    const json = screen.container.querySelector('[data-slot="fallback-block-json"]');
    expect(json?.textContent).toContain('(+1999000 characters)');
    expect(screen.container.innerHTML.length).toBeLessThan(2000);
  });
});
