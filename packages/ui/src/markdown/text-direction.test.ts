import { expect, it } from 'vitest';
import { directionOf } from './text-direction.ts';

it('takes the direction of the first letter, past markup, digits and punctuation', () => {
  expect(directionOf('שלום **עולם**')).toBe('rtl');
  expect(directionOf('مرحبا بالعالم')).toBe('rtl');
  expect(directionOf('سلام دنیا')).toBe('rtl'); // Persian, in Arabic script
  expect(directionOf('## 2024: **שנה** טובה')).toBe('rtl');
  expect(directionOf('[קישור](https://example.com)')).toBe('rtl');
  expect(directionOf('Hello שלום')).toBe('ltr');
  expect(directionOf('你好，世界')).toBe('ltr');
  expect(directionOf('1990 — 2024')).toBeUndefined();
  expect(directionOf('')).toBeUndefined();
});
