import { type ChatWorker, setupChatWorker } from '@chatstream/mocks/browser';
import { createFollowUpHandler } from './follow-up-handler.ts';

/**
 * Starts the MSW worker that answers `/api/chat` with the mocks catalogue, in this tab, offline.
 * Call it before rendering so the first request is already intercepted.
 */
export async function startMocks(): Promise<ChatWorker> {
  const chat = setupChatWorker();
  chat.worker.use(createFollowUpHandler());
  await chat.worker.start({
    onUnhandledRequest: 'bypass',
    quiet: true,
    serviceWorker: { url: `${import.meta.env.BASE_URL}mockServiceWorker.js` },
  });
  return chat;
}
