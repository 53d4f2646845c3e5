'use client';

// TanStack Query bindings; a separate entry so `@tanstack/react-query` stays an optional peer.
export { streamedMessageQueryOptions } from './streamed-message-query.ts';
export type {
  StreamedMessage,
  StreamedMessageQueryOptions,
  StreamedMessageQueryParams,
} from './streamed-message-query.ts';
export { useStreamingQuery } from './use-streaming-query.ts';
