import { describe, expect, it } from 'vitest';
import { render } from 'vitest-browser-react';
import { installStyles } from '../test/styles.ts';
import { Markdown } from './markdown.tsx';

installStyles();

describe('Markdown parts that scroll by themselves', () => {
  it('names a table and a code block for the keyboard user who lands on them', async () => {
    const screen = await render(
      <Markdown text={'| A | B |\n| - | - |\n| 1 | 2 |\n\n```py\nprint(1)\n```\n\n```\nplain\n```'} />,
    );
    const table = screen.getByRole('group', { name: 'Table' });
    expect(table.element().querySelector('table')).not.toBeNull();
    await expect.element(screen.getByRole('group', { name: 'py code' })).toHaveTextContent('print(1)');
    await expect.element(screen.getByRole('group', { name: 'Code', exact: true })).toHaveTextContent('plain');
  });

  it('is a tab stop only where it scrolls: a wide table or code line, not one that fits', async () => {
    const wide = Array.from({ length: 12 }, (_, column) => `Column ${column}`).join(' | ');
    const long = `const line = '${'x'.repeat(400)}';`;
    const screen = await render(
      <div style={{ inlineSize: 480 }}>
        <Markdown
          text={`| A | B |\n| - | - |\n| 1 | 2 |\n\n| ${wide} |\n|${' - |'.repeat(12)}\n\n\`\`\`js\nshort()\n\`\`\`\n\n\`\`\`js\n${long}\n\`\`\``}
        />
      </div>,
    );
    const [narrow, wideTable] = screen.getByRole('group', { name: 'Table' }).all();
    expect(narrow!.element().hasAttribute('tabindex')).toBe(false);
    await expect.element(wideTable!).toHaveAttribute('tabindex', '0');
    const [fits, scrolls] = screen.getByRole('group', { name: 'js code' }).all();
    expect(fits!.element().hasAttribute('tabindex')).toBe(false);
    await expect.element(scrolls!).toHaveAttribute('tabindex', '0');
  });

  it('puts a right-to-left table narrower than the answer on the right, in a left-to-right page', async () => {
    const screen = await render(
      <div dir="ltr" style={{ inlineSize: 600 }}>
        <Markdown text={'| الاسم | القيمة |\n| --- | --- |\n| أ | ١ |'} />
      </div>,
    );
    const wrapper = screen.getByRole('group', { name: 'Table' }).element();
    const table = wrapper.querySelector('table')!;
    expect(getComputedStyle(table).direction).toBe('rtl');
    const right = wrapper.getBoundingClientRect().right - table.getBoundingClientRect().right;
    const left = table.getBoundingClientRect().left - wrapper.getBoundingClientRect().left;
    expect(right).toBeLessThan(left);
  });
});
