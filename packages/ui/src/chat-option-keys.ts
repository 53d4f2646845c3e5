import type { UseStreamingChatOptions } from '@chatstream/react';

/**
 * Every chat option `<ChatStream>` takes, so the rest of its props can go to the root element. A
 * type test checks that it names every option of `useStreamingChat`: one missing here would reach
 * the `<div>` as an attribute instead of the session.
 */
export const CHAT_OPTION_KEYS = [
  'chat',
  'api',
  'body',
  'headers',
  'system',
  'model',
  'maxTokens',
  'tools',
  'maxSteps',
  'transport',
  'throttle',
  'queue',
  'initialMessages',
  'initialVersions',
  'persist',
  'generateId',
  'onFinish',
  'onError',
  'fetch',
  'protocol',
  'retry',
  'headersTimeoutMs',
  'idleTimeoutMs',
  'totalTimeoutMs',
  'maxBufferSize',
] as const satisfies readonly (keyof UseStreamingChatOptions)[];
