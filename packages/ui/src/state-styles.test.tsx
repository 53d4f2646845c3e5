import { afterEach, describe, expect, it } from 'vitest';
import css from './styles.css?inline';
import { installStyles } from './test/styles.ts';

installStyles();

afterEach(() => {
  document.body.replaceChildren();
});

/** Builds `html` in the page and returns the element at `selector` in it. */
function mount(html: string): HTMLElement {
  const host = document.createElement('div');
  host.innerHTML = html;
  document.body.append(host);
  return host;
}

const pick = (host: HTMLElement, slot: string): HTMLElement =>
  host.querySelector<HTMLElement>(`[data-slot="${slot}"]`)!;

/** The computed `property` of `element` (of its `pseudo` element) with its state `state`, then without. */
function withAndWithout(
  host: HTMLElement,
  stateful: string,
  state: string,
  read: () => string,
): { on: string; off: string } {
  const element = pick(host, stateful);
  element.dataset['state'] = state;
  const on = read();
  element.dataset['state'] = 'complete';
  return { on, off: read() };
}

const DANGER = 'rgb(180, 35, 24)';

/** Every selector of the stylesheet (lists inside `:is()` come apart too, harmlessly here). */
const selectors = css
  .replaceAll(/\/\*[\s\S]*?\*\//g, '')
  .split('{')
  .slice(0, -1)
  .flatMap((rule) => (rule.split('}').at(-1) ?? '').split(','))
  .map((selector) => selector.trim().replaceAll(/\s+/g, ' '))
  .filter((selector) => selector !== '' && !selector.startsWith('@'));

describe('selectors whose changes Chromium restyles narrowly', () => {
  it('puts a structural pseudo-class only in the last compound of a selector', () => {
    // `> :last-child > :last-child` made every element that stopped being a last child (the list
    // when "Jump to latest" appeared, a message when another followed) restyle its whole subtree.
    const structural = selectors.filter((selector) =>
      /:(?:first|last|only|nth(?:-last)?)-(?:child|of-type)(?:\([^)]*\))?[^\s>+~]*\s*[\s>+~]\s*\S/.test(
        selector,
      ),
    );
    expect(structural).toEqual([]);
  });

  it('ends no sibling combinator in a data-slot (matched by name, it restyled every message on each new one)', () => {
    const siblings = selectors.filter((selector) => /[+~]\s*\[data-slot/.test(selector));
    expect(siblings).toEqual([]);
  });
});

describe('styles of states, handed down from the element that has them', () => {
  it('marks a stopped answer "Stopped" after its content, and only a stopped one', () => {
    const host = mount(
      '<div data-slot="message" data-role="assistant"><div data-slot="message-content">Hel</div></div>',
    );
    const after = (): string => getComputedStyle(pick(host, 'message-content'), '::after').content;
    expect(withAndWithout(host, 'message', 'aborted', after)).toEqual({ on: '"Stopped"', off: 'none' });
    // In another language, through a variable.
    host.style.setProperty('--cs-stopped-label', '"Arrêté"');
    expect(withAndWithout(host, 'message', 'aborted', after)).toEqual({ on: '"Arrêté"', off: 'none' });
  });

  it('colours the status of a failed, denied or cut-off tool call as danger, and a running one muted', () => {
    const host = mount(
      '<div data-slot="tool-use-block"><div data-slot="tool-use-header"><span data-slot="tool-use-status">Failed</span></div></div>',
    );
    const color = (): string => getComputedStyle(pick(host, 'tool-use-status')).color;
    for (const state of ['error', 'denied', 'input-incomplete']) {
      const { on, off } = withAndWithout(host, 'tool-use-block', state, color);
      expect(on).toBe(DANGER);
      expect(off).not.toBe(DANGER);
    }
  });

  it('shows an error result of a tool call on the danger colours', () => {
    const host = mount('<div data-slot="tool-use-result"><pre>boom</pre></div>');
    const pre = host.querySelector('pre')!;
    const { on, off } = withAndWithout(host, 'tool-use-result', 'error', () => getComputedStyle(pre).color);
    expect(on).toBe(DANGER);
    expect(off).not.toBe(DANGER);
  });

  it('pulses a dot before the status of a running server tool only', () => {
    const host = mount(
      '<div data-slot="server-tool-use-block"><span data-slot="server-tool-use-status">Searching…</span></div>',
    );
    const before = (): string => getComputedStyle(pick(host, 'server-tool-use-status'), '::before').content;
    expect(withAndWithout(host, 'server-tool-use-block', 'running', before)).toEqual({
      on: '""',
      off: 'none',
    });
  });

  it('hides a code block’s Copy button while the block streams, inheriting otherwise', () => {
    const host = mount(
      '<div data-slot="code-block"><div data-slot="code-block-header"><button data-slot="code-block-copy">Copy</button></div></div>',
    );
    const visibility = (): string => getComputedStyle(pick(host, 'code-block-copy')).visibility;
    expect(withAndWithout(host, 'code-block', 'streaming', visibility)).toEqual({
      on: 'hidden',
      off: 'visible',
    });
    host.style.visibility = 'hidden';
    expect(visibility()).toBe('hidden');
  });

  it('turns the chevron of an open document and widens its chip', () => {
    const host = mount(
      '<details data-slot="document-block"><summary data-slot="document-block-chip">notes.txt</summary></details>',
    );
    const chip = pick(host, 'document-block-chip');
    const { on, off } = withAndWithout(host, 'document-block', 'open', () =>
      [getComputedStyle(chip, '::after').rotate, getComputedStyle(chip).maxInlineSize].join(' '),
    );
    expect(on).toBe('-135deg 100%');
    expect(off).toBe('45deg none');
  });

  it('lets an opened image grow past the thumbnail size, and gives a loading one room', () => {
    const host = mount(
      '<div data-slot="image-block"><button data-slot="image-block-toggle"><img data-slot="image-block-image" alt=""></button></div>',
    );
    const image = pick(host, 'image-block-image');
    const open = withAndWithout(
      host,
      'image-block-toggle',
      'open',
      () => getComputedStyle(image).maxBlockSize,
    );
    expect(open.on).toBe(`${Math.round(window.innerHeight * 0.8 * 100) / 100}px`);
    expect(open.off).toBe('240px');
    const loading = withAndWithout(
      host,
      'image-block',
      'loading',
      () => getComputedStyle(image).minInlineSize,
    );
    expect(loading).toEqual({ on: '64px', off: '0px' });
  });

  it('colours the source of a formula that failed to render as danger', () => {
    const host = mount('<span data-slot="markdown-math"><code>\\frac{1}{</code></span>');
    const code = host.querySelector('code')!;
    const { on, off } = withAndWithout(host, 'markdown-math', 'error', () => getComputedStyle(code).color);
    expect(on).toBe(DANGER);
    expect(off).not.toBe(DANGER);
  });

  it('matches no data-state or aria- attribute on an ancestor (Chromium would restyle every data-slot below a change)', () => {
    // A state attribute followed by a combinator: it is matched on an ancestor or earlier sibling.
    const onAncestor = selectors.filter((selector) =>
      /\[(?:data-state|aria-[\w-]+)[^\]]*\](?:[^,]*?)(?:\s|>|\+|~)\s*[[\w:*.]/.test(
        selector.replace(/:has\([^)]*\)/g, ''),
      ),
    );
    expect(onAncestor).toEqual([]);
  });
});
