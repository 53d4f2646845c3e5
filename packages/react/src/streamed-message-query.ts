import {
  type AnyChatStreamError,
  type Message,
  type MessageRequest,
  type RetryInfo,
  type StreamMessageOptions,
  type StreamStats,
  joinTextBlocks,
  streamMessage,
} from '@chatstream/reader';
import type { Query, QueryFunctionContext, QueryKey, UseQueryOptions } from '@tanstack/react-query';

/** What a streamed query holds: the message so far, its text, stats, a pending retry, and whether it finished. */
export interface StreamedMessage {
  /** The message's text so far, joined as the reader's `finalText()` joins it (`joinTextBlocks`). */
  readonly text: string;
  /** The message so far (Anthropic shape), undefined before `message_start`. */
  readonly message: Message | undefined;
  /**
   * `streaming` while the query fetches, `complete` once `message_stop` arrived, `partial` once the
   * stream ended without it (it failed, or was cancelled with its last observer): the message as far
   * as it came.
   */
  readonly status: 'streaming' | 'complete' | 'partial';
  /** Stream figures at the last update. */
  readonly stats: StreamStats;
  /**
   * While an attempt that failed before any content waits to be retried (`refetchMode: 'reset'`):
   * which retry, how long, why. Undefined otherwise.
   */
  readonly retrying: RetryInfo | undefined;
}

/** Options of {@link streamedMessageQueryOptions}: the key, the request, and `streamMessage` options. */
export interface StreamedMessageQueryParams<Key extends QueryKey> extends Omit<
  StreamMessageOptions,
  'signal'
> {
  /** The query key; components using the same key share one stream. */
  queryKey: Key;
  /** The request to stream, or a function of the key that builds it. */
  request: MessageRequest | ((queryKey: Key) => MessageRequest);
  /**
   * What a refetch shows while it streams (named as in TanStack's `streamedQuery`):
   * - `reset` (default): the data goes back to `undefined` and the query to `pending`, then the new
   *   message streams into the cache;
   * - `replace`: the previous complete message stays until the new one completes, then is swapped
   *   in one update (a failed or cancelled refetch leaves it in place).
   */
  refetchMode?: 'reset' | 'replace' | undefined;
}

/** The query options {@link streamedMessageQueryOptions} returns; spread them to override any. */
export type StreamedMessageQueryOptions<Key extends QueryKey> = UseQueryOptions<
  StreamedMessage,
  AnyChatStreamError,
  StreamedMessage,
  Key
> & { queryKey: Key; queryFn: (context: QueryFunctionContext<Key>) => Promise<StreamedMessage> };

/**
 * TanStack Query options that stream a message into the query cache: the data updates as the
 * message streams (the query is `success` from the first event, or from the first retry, which
 * `data.retrying` describes, and keeps fetching until the end),
 * components with the same key share one request, and the request is aborted when the last
 * observer leaves (the partial message is stale, so the next observer streams again).
 *
 * A streamed completion is costly, so once complete it never goes stale by itself, is not
 * refetched on focus or reconnect, and is not retried by the query (the reader retries before any
 * content). `refetch()` streams again according to `refetchMode`. A failure rejects with the
 * reader's typed error; the partial message stays in `data`.
 *
 * @example
 * const query = useQuery(
 *   streamedMessageQueryOptions({
 *     queryKey: ['summary', id],
 *     request: { url: '/api/chat', body: { messages: [{ role: 'user', content: `Summarise ${id}` }] } },
 *   }),
 * );
 * query.data?.text;
 */
export function streamedMessageQueryOptions<Key extends QueryKey>(
  params: StreamedMessageQueryParams<Key>,
): StreamedMessageQueryOptions<Key> {
  const { queryKey, request, refetchMode = 'reset', ...streamOptions } = params;
  return {
    queryKey,
    // A partial message (cancelled with its last observer, or failed) is no answer to keep.
    staleTime: (query: Query<StreamedMessage, AnyChatStreamError, StreamedMessage, Key>) =>
      query.state.data?.status === 'complete' ? Infinity : 0,
    retry: false,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
    queryFn: async (context) => {
      const { client } = context;
      const query = client
        .getQueryCache()
        .find<StreamedMessage, AnyChatStreamError>({ queryKey, exact: true });
      const replacing = refetchMode === 'replace' && query?.state.data?.status === 'complete';
      if (query?.isFetched() && !replacing) {
        query.setState({ ...query.resetState, fetchStatus: 'fetching' });
      }
      // Reading `signal` tells the query it may abort the request when the last observer leaves.
      const { signal } = context;
      const stream = streamMessage(typeof request === 'function' ? request(context.queryKey) : request, {
        ...streamOptions,
        signal,
      });
      const update = (data: Omit<StreamedMessage, 'stats'>): void => {
        if (!replacing && !signal.aborted)
          client.setQueryData<StreamedMessage>(queryKey, { ...data, stats: stream.stats });
      };
      stream.on('retry', (retrying) => {
        update({ text: '', message: undefined, status: 'streaming', retrying });
      });
      // The text as finalText() joins it: a blank line before text that follows a search.
      stream.on('snapshot', ({ message }) =>
        update({ text: joinTextBlocks(message.content), message, status: 'streaming', retrying: undefined }),
      );
      try {
        const message = await stream.finalMessage();
        return {
          text: joinTextBlocks(message.content),
          message,
          status: 'complete',
          stats: stream.stats,
          retrying: undefined,
        };
      } catch (error) {
        // Whatever ended it (a failure, the last observer leaving), nothing streams any more: a
        // spinner keyed on `data.status` must stop. A `replace` refetch never wrote its partial.
        if (!replacing) {
          client.setQueryData<StreamedMessage>(
            queryKey,
            (data) => data && { ...data, status: 'partial', retrying: undefined, stats: stream.stats },
          );
        }
        throw error;
      }
    },
  };
}
