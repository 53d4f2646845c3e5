import { createMockResponse, scenario } from '@chatstream/mocks';
import { http, type HttpHandler } from 'msw';
import { followUpText } from './follow-up-text.ts';

/**
 * An MSW handler placed before the catalogue handlers: it answers tool-result follow-ups and
 * continuations with {@link followUpText}, and lets every other request fall through.
 */
export function createFollowUpHandler(path = '/api/chat'): HttpHandler {
  return http.post(`*${path}`, async ({ request }) => {
    let body: unknown;
    try {
      body = await request.clone().json();
    } catch {
      return undefined;
    }
    const text = followUpText(body);
    if (text === undefined) return undefined;
    const reply = scenario('followUp').text(text).stop('end_turn');
    return createMockResponse(reply, { signal: request.signal, timing: { timeToFirstToken: 350 } });
  });
}
