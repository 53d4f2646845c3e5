// Tests in Node on the MSW server for Node, run with plain `node`. Type-checked with the browser code
// (DOM lib, no @types/node): msw's types need the DOM lib but not Node's, so ours must not either.
import { scenarios } from '@chatstream/mocks';
import { setupChatServer } from '@chatstream/mocks/node';
import { streamMessage } from '@chatstream/reader';

const msw = setupChatServer({ scenario: 'toolUse', timing: 'instant' });
msw.server.listen({ onUnhandledRequest: 'error' });
try {
  const stream = streamMessage({
    url: 'http://localhost/api/chat',
    body: { messages: [{ role: 'user', content: 'Hi' }] },
  });
  const text = await stream.finalText();
  if (text !== scenarios.toolUse.expectedText) {
    throw new Error(
      `text from MSW: expected ${JSON.stringify(scenarios.toolUse.expectedText)}, got ${JSON.stringify(text)}`,
    );
  }
} finally {
  msw.server.close();
}
console.log('streamed toolUse from MSW');
