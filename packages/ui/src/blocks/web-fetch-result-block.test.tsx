import type { ChatMessage } from '@chatstream/reader';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { render } from 'vitest-browser-react';
import { LabelsProvider } from '../labels.tsx';
import { expectNoAxeViolations } from '../test/axe.ts';
import { contentStrings, marked, unlabelled } from '../test/unlabelled.ts';
import { blockElement, renderBlock } from './test/render-block.tsx';
// oxlint-disable-next-line import/no-unassigned-import
import '../styles.css';

const RETRIEVED_AT = '2025-04-02T10:30:02.000Z';

/** A turn with a web fetch call and its result, as the API streams them. */
function fetchTurn(content: unknown): ChatMessage {
  return {
    id: 'm',
    role: 'assistant',
    status: 'complete',
    content: [
      {
        type: 'server_tool_use',
        id: 'srvtoolu_1',
        name: 'web_fetch',
        input: { url: 'https://example.org/ssb-2025' },
      },
      { type: 'web_fetch_tool_result', tool_use_id: 'srvtoolu_1', content },
    ],
  };
}

/** A `web_fetch_result` (the SDK's `WebFetchBlock`) around `source`. */
function fetched(
  source: Record<string, unknown>,
  { title, url }: { title?: string | null; url?: string } = {},
): Record<string, unknown> {
  return {
    type: 'web_fetch_result',
    url: url ?? 'https://www.example.org/ssb-2025',
    retrieved_at: RETRIEVED_AT,
    content: {
      type: 'document',
      source,
      title: title === undefined ? 'Solid-state batteries: 2025 progress report' : title,
      citations: { enabled: true },
    },
  };
}

const TEXT = {
  type: 'text',
  media_type: 'text/plain',
  data: 'Solid-state batteries replace the liquid electrolyte.',
};

const renderResult = (content: unknown): ReturnType<typeof renderBlock> => {
  const message = fetchTurn(content);
  return renderBlock(message, 1, { toolUse: message.content[0] });
};

describe('WebFetchResultBlock', () => {
  it('shows the page fetched: its title as a safe link, its domain, what it is and when it was fetched', async () => {
    const screen = await renderResult(fetched(TEXT));
    const group = screen.getByRole('group', { name: 'Web fetch result' });
    await expect.element(group).toHaveAttribute('data-state', 'done');
    await expect.element(group).toHaveAttribute('data-kind', 'text');
    const link = screen.getByRole('link', { name: 'Solid-state batteries: 2025 progress report' });
    await expect.element(link).toHaveAttribute('href', 'https://www.example.org/ssb-2025');
    await expect.element(link).toHaveAttribute('target', '_blank');
    await expect.element(link).toHaveAttribute('rel', 'noopener noreferrer');
    await expect.element(screen.getByText('example.org', { exact: true })).toBeVisible();
    await expect.element(screen.getByText('Text · 53 characters')).toBeVisible();
    const time = screen.container.querySelector('time')!;
    expect(time.dateTime).toBe(RETRIEVED_AT);
    expect(time.textContent).toMatch(/^Fetched .*2025/);
    expect(screen.container.textContent).not.toContain('Unsupported content');
    await expectNoAxeViolations(screen.container);
  });

  it('never puts the fetched text in the page: it is for the model', async () => {
    const long = `${'Lorem ipsum dolor sit amet. '.repeat(200)}THE END`;
    const screen = await renderResult(fetched({ ...TEXT, data: long }));
    await expect
      .element(screen.getByText(`Text · ${long.length.toLocaleString('en')} characters`))
      .toBeVisible();
    expect(screen.container.textContent).not.toContain('Lorem ipsum');
  });

  it('names a page without a title by its domain, and says a PDF is one', async () => {
    const pdf = { type: 'base64', media_type: 'application/pdf', data: 'A'.repeat(4096 * 4) };
    const screen = await renderResult(fetched(pdf, { title: null, url: 'https://arxiv.org/pdf/2501.1' }));
    await expect
      .element(screen.getByRole('group', { name: 'Web fetch result' }))
      .toHaveAttribute('data-kind', 'pdf');
    await expect
      .element(screen.getByRole('link', { name: 'arxiv.org' }))
      .toHaveAttribute('href', 'https://arxiv.org/pdf/2501.1');
    await expect.element(screen.getByText('PDF', { exact: true })).toBeVisible();
    // Its base64 never reaches the page.
    expect(screen.container.textContent).not.toContain('AAAA');
  });

  it('never links a URL that is not http(s)', async () => {
    const screen = await renderResult(fetched(TEXT, { title: 'Bad', url: 'javascript:alert(1)' }));
    await expect.element(screen.getByText('Bad', { exact: true })).toBeVisible();
    expect(screen.getByRole('link').all()).toHaveLength(0);
  });

  it.each([
    ['url_not_accessible', 'The page could not be reached.'],
    ['max_uses_exceeded', 'The fetch limit for this request was reached.'],
    ['too_many_requests', 'Too many requests were made. Try again in a moment.'],
    ['invalid_tool_input', 'The address to fetch was not valid.'],
    ['url_too_long', 'The address is too long.'],
    ['url_not_allowed', 'Fetching from this site is not allowed.'],
    ['url_not_in_prior_context', 'Only addresses that already appeared in the conversation can be fetched.'],
    ['unsupported_content_type', 'This kind of content cannot be fetched.'],
    ['content_too_large', 'The page is too large to fetch.'],
    ['unavailable', 'Web fetch is unavailable right now.'],
    ['a_code_from_the_future', 'The page could not be fetched.'],
    ['constructor', 'The page could not be fetched.'],
  ])('says why a fetch failed (%s) in words, with the code beside them', async (code, sentence) => {
    const screen = await renderResult({ type: 'web_fetch_tool_result_error', error_code: code });
    await expect
      .element(screen.getByRole('group', { name: 'Web fetch result' }))
      .toHaveAttribute('data-state', 'error');
    const error = screen.container.querySelector('[data-slot="web-fetch-error"]')!;
    expect(error.textContent).toBe(`${sentence} ${code}`);
    expect(error.querySelector('code')?.textContent).toBe(code);
    expect(screen.container.textContent).not.toContain('Unsupported content');
    expect(screen.getByRole('link').all()).toHaveLength(0);
  });

  it('marks the web fetch call failed, and passes axe with its error', async () => {
    const message = fetchTurn({ type: 'web_fetch_tool_result_error', error_code: 'url_not_accessible' });
    const screen = await render(
      <div>
        {blockElement(message, 0)}
        {blockElement(message, 1, { toolUse: message.content[0] })}
      </div>,
    );
    await expect
      .element(screen.getByRole('group', { name: 'Web fetch', exact: true }))
      .toHaveAttribute('data-state', 'error');
    await expect.element(screen.getByText('The page could not be reached.')).toBeVisible();
    await expectNoAxeViolations(screen.container);
  });

  it('says everything in the app’s labels', async () => {
    const contents = [
      fetched(TEXT),
      fetched({ type: 'base64', media_type: 'application/pdf', data: 'JVBERi0=' }, { title: null }),
      { type: 'web_fetch_tool_result_error', error_code: 'url_not_accessible' },
      { type: 'web_fetch_tool_result_error', error_code: 'a_code_from_the_future' },
    ];
    const messages = contents.map(fetchTurn);
    const screen = await render(
      <LabelsProvider labels={marked}>
        {messages.map((message, index) => (
          <div key={index}>{blockElement(message, 1, { toolUse: message.content[0] })}</div>
        ))}
      </LabelsProvider>,
    );
    await expect.element(screen.getByText('⟪The page could not be reached.⟫')).toBeVisible();
    await expect.element(screen.getByText('⟪PDF⟫')).toBeVisible();
    expect(screen.getByText(/^⟪Fetched .*⟫$/).all()).toHaveLength(2);
    expect(unlabelled(screen.container, contentStrings(messages))).toEqual([]);
  });

  it('renders whatever its content holds, never a link that is not http(s)', async () => {
    const json = fc.jsonValue({ maxDepth: 3 });
    const content = fc.oneof(
      json,
      fc.record({
        type: fc.constantFrom('web_fetch_result', 'web_fetch_tool_result_error'),
        url: fc.oneof(fc.constantFrom('https://a.example/x', 'javascript:alert(1)', 'data:,x'), json),
        retrieved_at: fc.oneof(fc.constantFrom('2025-04-02T10:30:02Z', 'yesterday'), json),
        error_code: fc.oneof(fc.constantFrom('unavailable', 'constructor', '__proto__'), json),
        content: fc.oneof(
          json,
          fc.record({
            title: json,
            source: fc.record({ type: fc.constantFrom('text', 'base64'), data: json }),
          }),
        ),
      }),
    );
    await fc.assert(
      fc.asyncProperty(content, async (value) => {
        const screen = await renderResult(value);
        expect(screen.container.querySelector('[data-slot="web-fetch-result-block"]')).not.toBeNull();
        for (const link of screen.container.querySelectorAll('a')) {
          expect(link.protocol).toMatch(/^https?:$/);
        }
        await screen.unmount();
      }),
      { numRuns: 60 },
    );
  });
});
