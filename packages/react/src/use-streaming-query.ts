import type { QueryKey, UseQueryResult } from '@tanstack/react-query';
import { useQuery } from '@tanstack/react-query';
import type { AnyChatStreamError } from '@chatstream/reader';
import {
  type StreamedMessage,
  type StreamedMessageQueryParams,
  streamedMessageQueryOptions,
} from './streamed-message-query.ts';

/**
 * `useQuery` over {@link streamedMessageQueryOptions}: a message streamed into the query cache,
 * shared by every component using the same key and aborted when the last of them unmounts.
 *
 * @example
 * const { data, isFetching, error, refetch } = useStreamingQuery({
 *   queryKey: ['haiku', topic],
 *   request: { url: '/api/chat', body: { messages: [{ role: 'user', content: `A haiku about ${topic}` }] } },
 * });
 * <p aria-busy={isFetching}>{data?.text}</p>
 */
export function useStreamingQuery<Key extends QueryKey>(
  params: StreamedMessageQueryParams<Key>,
): UseQueryResult<StreamedMessage, AnyChatStreamError> {
  return useQuery(streamedMessageQueryOptions(params));
}
