/**
 * `body` whose connection is lost after `bytes` bytes, as a browser's fetch body fails when a phone
 * loses its network: the bytes before come through, then the read fails with a `TypeError`, and the
 * server sees the client go (the original body is cancelled). `as: 'end'` ends the body there
 * instead, as WebKit does.
 */
export function cutAfter(
  body: ReadableStream<Uint8Array>,
  bytes: number,
  { as = 'error' }: { as?: 'error' | 'end' } = {},
): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  let passed = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) return controller.close();
      if (passed + value.byteLength < bytes) {
        passed += value.byteLength;
        return controller.enqueue(value);
      }
      controller.enqueue(value.subarray(0, bytes - passed));
      await reader.cancel();
      if (as === 'end') controller.close();
      else controller.error(new TypeError('network error'));
    },
    cancel: (reason) => reader.cancel(reason),
  });
}
