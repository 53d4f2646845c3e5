import type { ChatMessage } from '@chatstream/reader';
import { describe, expect, it, vi } from 'vitest';
import { render } from 'vitest-browser-react';
import { ChatStream, type Labels, LabelsProvider } from '@chatstream/ui';
import { expectNoAxeViolations } from '../test/axe.ts';
import { clipboardText } from '../test/clipboard.ts';
import { CodeBlock } from './code-block.tsx';
import { Markdown } from './markdown.tsx';
import { markdownRenderText } from './markdown-render-text.tsx';
// oxlint-disable-next-line import/no-unassigned-import
import '../styles.css';
import { marked, unlabelled } from '../test/unlabelled.ts';

const french: Labels = {
  text: 'texte',
  Copy: 'Copier',
  Copied: 'Copié',
  'Copy failed': 'Échec de la copie',
  'Copy {0}': 'Copier le {0}',
  'Copy code': 'Copier le code',
  'Link removed: unsafe address': 'Lien retiré : adresse dangereuse',
  'Image from {0}, not loaded': (host) => `Image de ${host}, non chargée`,
  Done: 'Fait',
  'Not done': 'À faire',
};

/** One of each text the markdown renderer writes itself. */
const TEXT = [
  '- [x] shipped',
  '- [ ] tested',
  '',
  '[click](javascript:alert(1)) and ![a chart](https://images.example/chart.png)',
  '',
  '```ts',
  'const a = 1;',
  '```',
  '',
  '```',
  'plain',
  '```',
].join('\n');

const codeBlocks = (container: HTMLElement) => [...container.querySelectorAll('[data-slot="code-block"]')];
const titleOf = (container: HTMLElement, selector: string) =>
  container.querySelector(selector)?.getAttribute('title');

describe('Markdown in the app’s language', () => {
  it('writes code blocks, link titles and task boxes in the labels of a LabelsProvider', async () => {
    const screen = await render(
      <LabelsProvider labels={french}>
        <Markdown text={TEXT} />
      </LabelsProvider>,
    );
    await expect.element(screen.getByRole('checkbox', { name: 'Fait', exact: true })).toBeChecked();
    await expect.element(screen.getByRole('checkbox', { name: 'À faire' })).not.toBeChecked();
    expect(titleOf(screen.container, '[data-slot="markdown-unsafe-link"]')).toBe(
      'Lien retiré : adresse dangereuse',
    );
    await expect
      .element(screen.getByRole('link', { name: 'a chart' }))
      .toHaveAttribute('title', 'Image de images.example, non chargée');
    const [typed, plain] = codeBlocks(screen.container);
    expect(typed?.querySelector('[data-slot="code-block-language"]')).toHaveTextContent('ts');
    expect(plain?.querySelector('[data-slot="code-block-language"]')).toHaveTextContent('texte');
    await expect.element(screen.getByRole('button', { name: 'Copier le code' })).toHaveTextContent('Copier');
    await screen.getByRole('button', { name: 'Copier le ts' }).click();
    const copied = screen.getByRole('button', { name: 'Copié' });
    await expect.element(copied).toHaveTextContent('Copié');
    expect(await clipboardText()).toBe('const a = 1;');
    await expectNoAxeViolations(screen.container);
  });

  it('says a refused copy in the labels', async () => {
    vi.spyOn(navigator.clipboard, 'writeText').mockRejectedValue(new DOMException('No', 'NotAllowedError'));
    vi.spyOn(document, 'execCommand').mockReturnValue(false);
    const screen = await render(
      <LabelsProvider labels={french}>
        <CodeBlock code="npm test" lang="sh" />
      </LabelsProvider>,
    );
    await screen.getByRole('button', { name: 'Copier le sh' }).click();
    await expect
      .element(screen.getByRole('button', { name: 'Échec de la copie' }))
      .toHaveAttribute('data-state', 'failed');
    vi.restoreAllMocks();
  });

  it('keeps English without labels, and for the keys the labels leave out', async () => {
    const english = await render(<Markdown text={TEXT} />);
    await expect.element(english.getByRole('checkbox', { name: 'Done', exact: true })).toBeChecked();
    await expect.element(english.getByRole('checkbox', { name: 'Not done' })).not.toBeChecked();
    expect(titleOf(english.container, '[data-slot="markdown-unsafe-link"]')).toBe(
      'Link removed: unsafe address',
    );
    expect(titleOf(english.container, '[data-slot="markdown-image-link"]')).toBe(
      'Image from images.example, not loaded',
    );
    expect(
      codeBlocks(english.container)[1]?.querySelector('[data-slot="code-block-language"]'),
    ).toHaveTextContent('text');
    await expect.element(english.getByRole('button', { name: 'Copy ts' })).toHaveTextContent('Copy');
    await expect.element(english.getByRole('button', { name: 'Copy code' })).toHaveTextContent('Copy');
    await english.unmount();

    const partial = await render(
      <LabelsProvider labels={{ Done: 'Fait' }}>
        <Markdown text={TEXT} />
      </LabelsProvider>,
    );
    await expect.element(partial.getByRole('checkbox', { name: 'Fait', exact: true })).toBeChecked();
    await expect.element(partial.getByRole('checkbox', { name: 'Not done' })).not.toBeChecked();
    await expect.element(partial.getByRole('button', { name: 'Copy ts' })).toBeVisible();
  });

  it('renders its settled blocks again when the labels change', async () => {
    const screen = await render(
      <LabelsProvider labels={undefined}>
        <Markdown text={TEXT} />
      </LabelsProvider>,
    );
    await expect.element(screen.getByRole('checkbox', { name: 'Not done' })).toBeVisible();
    await screen.rerender(
      <LabelsProvider labels={french}>
        <Markdown text={TEXT} />
      </LabelsProvider>,
    );
    await expect.element(screen.getByRole('checkbox', { name: 'À faire' })).toBeVisible();
    await expect.element(screen.getByRole('button', { name: 'Copier le ts' })).toBeVisible();
  });

  it('takes the labels of <ChatStream labels> in markdownRenderText', async () => {
    const history: ChatMessage[] = [
      { id: 'u1', role: 'user', content: [{ type: 'text', text: 'Code?' }] },
      {
        id: 'a1',
        role: 'assistant',
        status: 'complete',
        content: [{ type: 'text', text: '```py\nprint(1)\n```\n\n- [ ] run it' }],
      },
    ];
    const screen = await render(
      <ChatStream
        fetch={vi.fn<typeof fetch>()}
        labels={french}
        renderText={markdownRenderText}
        initialMessages={history}
        style={{ blockSize: 400 }}
      />,
    );
    await expect.element(screen.getByRole('button', { name: 'Copier le py' })).toBeVisible();
    await expect.element(screen.getByRole('checkbox', { name: 'À faire' })).toBeInTheDocument();
  });

  it('shows and says nothing in English once every label is given', async () => {
    const parts = (
      <>
        <Markdown text={TEXT} />
        <CodeBlock code="npm test" lang="sh" />
      </>
    );
    const screen = await render(<LabelsProvider labels={marked}>{parts}</LabelsProvider>);
    await screen.getByRole('button', { name: '⟪Copy ts⟫' }).click();
    await expect.element(screen.getByRole('button', { name: '⟪Copied⟫' })).toBeVisible();
    vi.spyOn(navigator.clipboard, 'writeText').mockRejectedValue(new DOMException('No', 'NotAllowedError'));
    vi.spyOn(document, 'execCommand').mockReturnValue(false);
    await screen.getByRole('button', { name: '⟪Copy sh⟫' }).click();
    await expect.element(screen.getByRole('button', { name: '⟪Copy failed⟫' })).toBeVisible();
    vi.restoreAllMocks();
    const content = [
      'shipped',
      'tested',
      'click',
      ' and ',
      'a chart',
      'const a = 1;',
      'plain',
      'npm test',
      'ts',
      'sh',
    ];
    expect(unlabelled(screen.container, content)).toEqual([]);
    // …while without labels the same parts do speak English: the check above does find words.
    const english = await render(parts);
    expect(unlabelled(english.container, content).length).toBeGreaterThan(5);
  });
});
