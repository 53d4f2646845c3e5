import { describe, expect, it } from 'vitest';
import { render } from 'vitest-browser-react';
import { PlainText } from './plain-text.tsx';

const linesOf = (container: HTMLElement): string =>
  Array.from(container.querySelectorAll('[data-slot="text-line"]'), (line) => line.textContent).join('\n');

describe('PlainText', () => {
  it('shows every line of a growing text, whatever the pieces it grows by', async () => {
    const text = Array.from({ length: 150 }, (_, index) =>
      index % 7 === 0 ? '' : `line ${index} ${'word '.repeat(index % 5)}`,
    ).join('\n');
    const screen = await render(<PlainText text="" streaming />);
    for (let end = 0; end <= text.length; end += 1 + (end % 23)) {
      await screen.rerender(<PlainText text={text.slice(0, end)} streaming />);
      expect(linesOf(screen.container)).toBe(text.slice(0, end));
    }
    await screen.rerender(<PlainText text={text} streaming={false} />);
    expect(linesOf(screen.container)).toBe(text);
    expect(screen.container.querySelector('[data-slot="streaming-cursor"]')).toBeNull();
  });

  it('starts over when the text is replaced rather than extended', async () => {
    const long = Array.from({ length: 100 }, (_, index) => `first ${index}`).join('\n');
    const other = Array.from({ length: 90 }, (_, index) => `second ${index}`).join('\n');
    const screen = await render(<PlainText text={long} streaming />);
    await screen.rerender(<PlainText text={other} streaming />);
    expect(linesOf(screen.container)).toBe(other);
    // A continuation that trims the old ending (a retry joins its prefix without trailing space).
    await screen.rerender(<PlainText text={`${long} \nmore`} streaming />);
    await screen.rerender(<PlainText text={`${long}\nmore and more`} streaming />);
    expect(linesOf(screen.container)).toBe(`${long}\nmore and more`);
  });

  it('keeps empty lines visible and marks the end while streaming', async () => {
    const screen = await render(<PlainText text={'a\n\nb'} streaming />);
    expect(screen.container.querySelectorAll('[data-slot="text-line"] > br')).toHaveLength(1);
    expect(
      screen.container.querySelector('[data-slot="text-line"]:last-child [data-slot="streaming-cursor"]'),
    ).not.toBeNull();
  });

  it('shows every line and one cursor at the very end, for any number of lines and a trailing line break', async () => {
    const screen = await render(<PlainText text="" streaming />);
    for (let count = 1; count <= 70; count++) {
      const text = `${Array.from({ length: count }, (_, index) => `line ${index}`).join('\n')}\n`;
      await screen.rerender(<PlainText text={text} streaming />);
      expect(linesOf(screen.container)).toBe(text);
      const cursors = screen.container.querySelectorAll('[data-slot="streaming-cursor"]');
      expect(cursors).toHaveLength(1);
      expect(cursors[0]?.parentElement).toBe(
        screen.container.querySelector('[data-slot="text-line"]:last-child'),
      );
    }
  });

  it('keeps the elements of finished lines while a long text grows', async () => {
    const lines = Array.from({ length: 200 }, (_, index) => `line ${index}`);
    const screen = await render(<PlainText text={lines.slice(0, 100).join('\n')} streaming />);
    const before = Array.from(screen.container.querySelectorAll('[data-slot="text-line"]')).slice(0, 99);
    const firstText = before.map((line) => line.firstChild);
    await screen.rerender(<PlainText text={lines.join('\n')} streaming />);
    const after = Array.from(screen.container.querySelectorAll('[data-slot="text-line"]'));
    expect(after).toHaveLength(200);
    // Identity, not equality: the same elements and text nodes, untouched.
    expect(after.slice(0, 99).filter((line, index) => line !== before[index])).toEqual([]);
    expect(after.slice(0, 99).filter((line, index) => line.firstChild !== firstText[index])).toEqual([]);
  });
});
