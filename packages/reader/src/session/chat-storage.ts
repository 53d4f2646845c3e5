import type { AnyChatStreamError } from '../errors.ts';
import type { ChatMessage } from './chat-message.ts';
import type { ChatSessionError } from './chat-session-error.ts';
import type { ExportedVersions } from './message-versions.ts';

/** Where a conversation is kept: `sessionStorage`, `localStorage`, or anything with their two methods. */
export interface ChatStorage {
  /** The text saved under `key`, or null. */
  getItem(key: string): string | null;
  /** Saves `value` under `key`; throws when it cannot (full, blocked). */
  setItem(key: string, value: string): void;
}

/**
 * A storage that may answer later (`chrome.storage`, IndexedDB, your server): `getItem` and
 * `setItem` may return promises. {@link readChat} and {@link persistChat} take one; a `setItem`
 * that rejects is reported as a full storage is.
 */
export interface AsyncChatStorage {
  /** The text saved under `key`, or null; now or later. */
  getItem(key: string): string | null | PromiseLike<string | null>;
  /** Saves `value` under `key`; throws or rejects when it cannot. */
  setItem(key: string, value: string): void | PromiseLike<unknown>;
}

/** Options of {@link restoreChat}, which reads the storage at once. */
export interface ChatStorageOptions extends Omit<AsyncChatStorageOptions, 'storage'> {
  /** Where the conversation is kept (default `sessionStorage`: this tab's, kept over a reload). */
  storage?: ChatStorage | undefined;
}

/** Options of {@link readChat} and {@link persistChat}. */
export interface AsyncChatStorageOptions {
  /** Where the conversation is kept (default `sessionStorage`: this tab's, kept over a reload). */
  storage?: AsyncChatStorage | undefined;
  /**
   * Hears a conversation that could not be read or saved: a `ChatSessionError` with code `storage`
   * and the storage's own error (a `QuotaExceededError`, say) as `cause`. Default: reported as an
   * uncaught error, which shows in the console without stopping anything.
   */
  onError?: ((error: ChatSessionError) => void) | undefined;
}

/**
 * What is stored under the key: the messages, the earlier versions of edited and regenerated ones,
 * and the session's failure when no answer holds it (the request for the last question failed).
 */
export interface SavedChat {
  messages: readonly ChatMessage[];
  versions?: ExportedVersions;
  error?: AnyChatStreamError | undefined;
}

/** The given storage, else `sessionStorage`, whose mere reading throws where storage is blocked. */
export function storageOf(options: AsyncChatStorageOptions): AsyncChatStorage | undefined {
  return options.storage ?? globalThis.sessionStorage;
}
