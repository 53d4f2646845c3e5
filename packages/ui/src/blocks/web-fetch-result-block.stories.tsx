import type { ChatMessage } from '@chatstream/reader';
import { expect } from 'storybook/test';
import preview from '../../../../.storybook/preview.tsx';
import { blockProps } from '../stories/fixtures.ts';
import { WebFetchResultBlock } from './web-fetch-result-block.tsx';

const meta = preview.meta({ component: WebFetchResultBlock, title: 'Blocks/WebFetchResultBlock' });

/** A finished turn with a `web_fetch` call and its result `content`, as the API streams them. */
function fetchTurn(content: unknown, url = 'https://example.org/ssb-2025'): ChatMessage {
  return {
    id: 'fetch',
    role: 'assistant',
    status: 'complete',
    content: [
      { type: 'server_tool_use', id: 'srvtoolu_fetch', name: 'web_fetch', input: { url } },
      { type: 'web_fetch_tool_result', tool_use_id: 'srvtoolu_fetch', content },
    ],
  };
}

const REPORT =
  'Solid-state batteries replace the liquid electrolyte with a solid one. Pilot lines opened in 2024. ' +
  'Energy density reached 450 Wh/kg in lab cells.\n\n' +
  'Manufacturing at scale remains the main challenge: dendrites, interface resistance and cost.';

/** A page fetched as text: its title links to it; what it is and when it was fetched. */
export const Page = meta.story({
  args: blockProps(
    fetchTurn({
      type: 'web_fetch_result',
      url: 'https://example.org/ssb-2025',
      retrieved_at: '2025-04-02T10:30:02.000Z',
      content: {
        type: 'document',
        source: { type: 'text', media_type: 'text/plain', data: REPORT },
        title: 'Solid-state batteries: 2025 progress report',
        citations: { enabled: true },
      },
    }),
    1,
  ),
  play: async ({ canvas }) => {
    await expect(
      canvas.getByRole('link', { name: 'Solid-state batteries: 2025 progress report' }),
    ).toHaveAttribute('href', 'https://example.org/ssb-2025');
    await expect(canvas.getByText(/^Text · /)).toBeVisible();
  },
});

/** A PDF without a title: named by its domain (its bytes never reach the page). */
export const Pdf = meta.story({
  args: blockProps(
    fetchTurn({
      type: 'web_fetch_result',
      url: 'https://arxiv.org/pdf/2501.01234',
      retrieved_at: '2025-04-02T10:31:40.000Z',
      content: {
        type: 'document',
        source: { type: 'base64', media_type: 'application/pdf', data: 'JVBERi0xLjcK'.repeat(18_000) },
        title: null,
        citations: null,
      },
    }),
    1,
  ),
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('link', { name: 'arxiv.org' })).toBeVisible();
    await expect(canvas.getByText('PDF', { exact: true })).toBeVisible();
  },
});

/** The page could not be reached (`url_not_accessible`): why in words, the code beside them. */
export const Failed = meta.story({
  args: blockProps(
    fetchTurn(
      { type: 'web_fetch_tool_result_error', error_code: 'url_not_accessible' },
      'https://intranet.acme.example/q3',
    ),
    1,
  ),
  play: async ({ canvas }) => {
    await expect(canvas.getByText('The page could not be reached.')).toBeVisible();
    await expect(canvas.getByText('url_not_accessible')).toBeVisible();
  },
});

/** An error code this version does not know yet: a generic sentence, and the code as sent. */
export const UnknownError = meta.story({
  args: blockProps(fetchTurn({ type: 'web_fetch_tool_result_error', error_code: 'robots_disallowed' }), 1),
  play: async ({ canvas }) => {
    await expect(canvas.getByText('The page could not be fetched.')).toBeVisible();
    await expect(canvas.getByText('robots_disallowed')).toBeVisible();
  },
});
