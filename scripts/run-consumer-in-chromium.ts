// Runs the packed consumer's browser bundle (built by check-consumer.mjs) in Chromium: the published
// react and ui packages are executed nowhere else (the demo and the tests use the sources). Serves
// the bundle and MSW's worker on loopback, uses the app as a person would, and fails on any error
// the page logs.
// Usage: tsx --conditions=@chatstream/source scripts/run-consumer-in-chromium.ts <dist> <mockServiceWorker.js>
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join } from 'node:path';
import { scenarios } from '@chatstream/mocks';
import { chromium } from 'playwright';
import { chromiumArgs, chromiumPath } from './chromium.ts';

const [dist, workerScript] = process.argv.slice(2);
if (!dist || !workerScript)
  throw new Error('usage: run-consumer-in-chromium.ts <dist> <mockServiceWorker.js>');

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
};

const server = createServer((request, response) => {
  const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
  // Browsers ask for it unprompted; the app has none.
  if (path === '/favicon.ico') return void response.writeHead(204).end();
  const file =
    path === '/mockServiceWorker.js' ? workerScript : join(dist, path === '/' ? 'index.html' : path);
  readFile(file).then(
    (body) =>
      response
        .writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' })
        .end(body),
    () => response.writeHead(404).end(),
  );
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address() as AddressInfo;

const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
const errors: string[] = [];
try {
  // The copy test reads back what Copy wrote.
  const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') {
      errors.push(`${message.text()} (${message.location().url})`);
    }
  });
  await page.goto(`http://127.0.0.1:${port}/`);

  // <ChatStream>, its markdown revealed by @chatstream/ui/smooth: the suggestion's words come from
  // readMessageStream and the MSW handlers at load.
  await page.getByRole('button', { name: /^\d+ blocks, \d+ handlers$/ }).click();
  const chat = page.locator('[data-slot="chat-stream"]');
  await chat.getByRole('button', { name: 'Regenerate' }).waitFor();
  // @chatstream/ui/smooth may still be revealing the end of the answer: give it a few seconds.
  for (const block of scenarios.webSearch.expectedMessage.content) {
    const text = block.type === 'text' ? String(block['text']).trim() : '';
    await chat
      .getByRole('log')
      .filter({ hasText: text })
      .waitFor({ timeout: 5000 })
      .catch(() => {
        throw new Error(`<ChatStream> does not show "${text}"`);
      });
  }

  // @chatstream/ui/actions: Copy puts the answer on the clipboard as its markdown.
  const answer = chat.getByRole('article', { name: 'Claude' }).last();
  await answer.getByRole('button', { name: 'Copy', exact: true }).click();
  await answer.getByRole('button', { name: 'Copied' }).waitFor();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  if (!copied.includes('recent reports')) throw new Error(`Copy put "${copied}" on the clipboard`);

  // @chatstream/ui/attachments: a file picked in its composer goes into the next message.
  await chat.locator('input[type="file"]').setInputFiles({
    name: 'notes.md',
    mimeType: 'text/markdown',
    buffer: Buffer.from('# Notes'),
  });
  await chat.getByRole('button', { name: 'Send' }).click();
  await chat.getByRole('article', { name: 'You' }).last().getByText('notes.md').waitFor();
  await chat.getByRole('button', { name: 'Regenerate' }).waitFor();

  // The parts on useStreamingChat, and useStreamingQuery.
  await page.getByRole('button', { name: 'Send', exact: true }).last().click();
  await page.getByRole('article', { name: 'Claude' }).last().getByText('recent reports').first().waitFor();
  await page.locator('p[aria-busy="false"]', { hasText: 'recent reports' }).waitFor();
  if (errors.length > 0) throw new Error(`the page logged:\n${errors.join('\n')}`);
  console.log(
    'ChatStream with attachments and message actions, the parts and useStreamingQuery answered in Chromium',
  );
} finally {
  await browser.close();
  server.close();
}
