import { canStreamFromWorker, type ChatWorker, setupChatWorker } from '@chatstream/mocks/browser';
import { followUpScenario } from './follow-up-scenario.ts';

/**
 * Starts the MSW worker that answers `/api/chat` with the mocks catalogue (and replies to tool results
 * built from the request), in this tab, offline; where the worker cannot stream (Safari), the same
 * handlers answer in the page.
 * Call it before rendering so the first request is already intercepted.
 *
 * It answers as the relay with `resume` on: it keeps its streams in this tab's `sessionStorage`,
 * so an answer cut off by a reload (or a dropped connection) reads on, as in relay mode.
 */
export async function startMocks(): Promise<ChatWorker> {
  const storage = tabStorage();
  const chat = setupChatWorker({
    resume: storage ? { storage } : true,
    pick: followUpScenario,
    // The request panel shows the last few; each record holds the whole conversation it resent.
    maxRequests: 50,
  });
  if (canStreamFromWorker()) {
    await chat.worker.start({
      onUnhandledRequest: 'bypass',
      quiet: true,
      serviceWorker: { url: `${import.meta.env.BASE_URL}mockServiceWorker.js` },
    });
  } else {
    // Safari's worker would send each answer whole (it cannot transfer a stream to the page), and a
    // dropped connection never: the handlers answer in the page instead, for every fetch of it.
    globalThis.fetch = chat.fetch;
  }
  return chat;
}

/** This tab's `sessionStorage`, or undefined where storage is blocked (reading it then throws). */
function tabStorage(): Storage | undefined {
  try {
    return globalThis.sessionStorage;
  } catch {
    return undefined;
  }
}
