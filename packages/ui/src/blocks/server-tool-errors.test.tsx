import type { ChatMessage } from '@chatstream/reader';
import { describe, expect, it } from 'vitest';
import { render } from 'vitest-browser-react';
import { LabelsProvider } from '../labels.tsx';
import { expectNoAxeViolations } from '../test/axe.ts';
import { contentStrings, marked, unlabelled } from '../test/unlabelled.ts';
import { blockElement, renderBlock } from './test/render-block.tsx';
// oxlint-disable-next-line import/no-unassigned-import
import '../styles.css';

// The web fetch errors are checked with their block, in web-fetch-result-block.test.tsx.
describe('WebSearchResultBlock: a failed search', () => {
  it.each([
    ['max_uses_exceeded', 'The search limit for this request was reached.'],
    ['too_many_requests', 'Too many requests were made. Try again in a moment.'],
    ['invalid_tool_input', 'The search query was not valid.'],
    ['query_too_long', 'The search query is too long.'],
    ['request_too_large', 'The search request was too large.'],
    ['unavailable', 'Web search is unavailable right now.'],
    ['a_code_from_the_future', 'The search failed.'],
  ])('says why a search failed (%s) in words, with the code beside them', async (code, sentence) => {
    const message: ChatMessage = {
      id: 'm',
      role: 'assistant',
      status: 'complete',
      content: [
        { type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_search', input: { query: 'acme' } },
        {
          type: 'web_search_tool_result',
          tool_use_id: 'srvtoolu_1',
          content: { type: 'web_search_tool_result_error', error_code: code },
        },
      ],
    };
    const screen = await renderBlock(message, 1, { toolUse: message.content[0] });
    const error = screen.container.querySelector('[data-slot="web-search-error"]')!;
    expect(error.textContent).toBe(`${sentence} ${code}`);
    expect(error.querySelector('code')?.textContent).toBe(code);
    await expectNoAxeViolations(screen.container);
  });

  it('says it in the app’s labels', async () => {
    const message: ChatMessage = {
      id: 'm',
      role: 'assistant',
      content: [
        {
          type: 'web_search_tool_result',
          tool_use_id: 'srvtoolu_1',
          content: { type: 'web_search_tool_result_error', error_code: 'max_uses_exceeded' },
        },
      ],
    };
    const screen = await render(<LabelsProvider labels={marked}>{blockElement(message, 0)}</LabelsProvider>);
    await expect.element(screen.getByText('⟪The search limit for this request was reached.⟫')).toBeVisible();
    expect(unlabelled(screen.container, contentStrings(message))).toEqual([]);
  });
});
