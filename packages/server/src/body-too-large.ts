import { errorResponse } from './error-response.ts';

const KIB = 1024;
const MIB = 1024 * 1024;

/**
 * The 413 `request_too_large` answer to a body over `maxBodyBytes`. Its message states the limit in
 * bytes (and KiB or MiB), and nothing more: chat UIs show it to the person, for whom the option
 * that raises it means nothing.
 *
 * @example
 * bodyTooLargeResponse(4 * 1024 * 1024);
 * // 413 {"type":"error","error":{"type":"request_too_large","message":"The request body is larger than
 * //   4194304 bytes (4 MiB), this server's limit."}}
 */
export function bodyTooLargeResponse(maxBodyBytes: number): Response {
  return errorResponse(
    413,
    'request_too_large',
    `The request body is larger than ${describeLimit(maxBodyBytes)}, this server's limit.`,
  );
}

function describeLimit(bytes: number): string {
  const unit = bytes >= MIB ? ([MIB, 'MiB'] as const) : bytes >= KIB ? ([KIB, 'KiB'] as const) : undefined;
  if (unit === undefined) return `${bytes} bytes`;
  return `${bytes} bytes (${Number((bytes / unit[0]).toFixed(1))} ${unit[1]})`;
}
