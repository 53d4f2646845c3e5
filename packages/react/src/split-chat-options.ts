import type { UseStreamingChatOptions } from './use-streaming-chat.ts';

/**
 * Every option of `useStreamingChat`. A type test checks that it names them all: one missing here
 * would reach a component's root element as an attribute instead of the session.
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
  'initialError',
  'persist',
  'persistStorage',
  'page',
  'generateId',
  'onFinish',
  'onError',
  'onSettled',
  'onUsage',
  'fetch',
  'protocol',
  'retry',
  'headersTimeoutMs',
  'idleTimeoutMs',
  'totalTimeoutMs',
  'maxBufferSize',
  'requestQueue',
] as const satisfies readonly (keyof UseStreamingChatOptions)[];

/**
 * Splits the props of a component that takes the chat options flat, as `<ChatStream>` does, into
 * the options for `useStreamingChat` and the rest (say, for its root element). An option set to
 * `undefined` is left out: on a shared `chat` it would erase the options its owner gave.
 *
 * @example
 * function MyChat(props: UseStreamingChatOptions & HTMLAttributes<HTMLDivElement>) {
 *   const [options, rest] = splitChatOptions(props);
 *   const { messages } = useStreamingChat(options);
 *   return <div {...rest}>{messages.length} messages</div>;
 * }
 */
export function splitChatOptions<Props extends object>(
  props: Props,
): [UseStreamingChatOptions, Omit<Props, keyof UseStreamingChatOptions>] {
  const options: Record<string, unknown> = {};
  const rest = { ...props } as Record<string, unknown>;
  for (const key of CHAT_OPTION_KEYS) {
    if (rest[key] !== undefined) options[key] = rest[key];
    delete rest[key];
  }
  return [options, rest as Omit<Props, keyof UseStreamingChatOptions>];
}
