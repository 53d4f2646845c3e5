import { setupWorker, type SetupWorker } from 'msw/browser';
import { type ChatHandlers, type ChatHandlersOptions, createChatHandlers } from './msw/chat-handlers.ts';

export { createChatHandlers } from './msw/chat-handlers.ts';
export { canStreamFromWorker, createInPageFetch } from './msw/in-page-fetch.ts';
export type { ChatHandlers, ChatHandlersOptions } from './msw/chat-handlers.ts';
export type { ResumeOptions, StreamStorage } from './msw/kept-streams.ts';
export type { RequestRecord } from './request-log.ts';

/** The MSW service worker plus the chat handlers' controls. */
export interface ChatWorker extends ChatHandlers {
  /** Call `start()` before the app renders (needs `mockServiceWorker.js`: `npx msw init public`). */
  readonly worker: SetupWorker;
}

/**
 * An MSW `setupWorker` (browser, Storybook, the demo) with the chat handlers installed. Safari's
 * worker cannot stream a response (`canStreamFromWorker()` is false there): answers then arrive
 * whole, and a dropped connection never arrives. Give the session `chat.fetch` instead there.
 *
 * @example
 * const chat = setupChatWorker(); // realistic timing by default
 * await chat.worker.start({ onUnhandledRequest: 'bypass' });
 */
export function setupChatWorker(options: ChatHandlersOptions = {}): ChatWorker {
  const chat = createChatHandlers(options);
  return { ...chat, worker: setupWorker(...chat.handlers) };
}
