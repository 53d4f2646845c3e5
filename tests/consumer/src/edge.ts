// A relay on a Web-standard runtime (Workers, Deno, Bun, Next.js route handlers): the server's main
// entry, and the reader reading a completion the relay streams.
import { readMessageStream } from '@chatstream/reader';
import { createChatHandler, errorResponse, type ChatHandler, type RelayResult } from '@chatstream/server';

const usage: { outcome: RelayResult['outcome']; outputTokens: number | undefined }[] = [];

export const POST: ChatHandler = createChatHandler({
  model: 'claude-sonnet-4-6',
  maxTokens: 2048,
  onFinish: ({ outcome, message }) =>
    void usage.push({ outcome, outputTokens: message?.usage.output_tokens }),
});

export default {
  async fetch(request: Request): Promise<Response> {
    if (new URL(request.url).pathname !== '/api/chat') {
      return errorResponse(404, 'not_found_error', 'Not found');
    }
    return POST(request);
  },
};

export async function summarise(text: string): Promise<string> {
  const body = JSON.stringify({ messages: [{ role: 'user', content: `Summarise: ${text}` }] });
  const response = await POST(new Request('http://relay/api/chat', { method: 'POST', body }));
  return readMessageStream(response).finalText();
}
