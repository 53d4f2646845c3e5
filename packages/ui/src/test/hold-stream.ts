/** Holds `response` after its first chunk until `release` resolves, so a test sees the answer mid-stream however slow the machine. */
export function holdAfterFirstChunk(response: Response, release: Promise<void>): Response {
  let sent = 0;
  const held = new TransformStream<Uint8Array, Uint8Array>({
    async transform(chunk, controller) {
      if (sent++ > 0) await release;
      controller.enqueue(chunk);
    },
  });
  return new Response(response.body!.pipeThrough(held), response);
}
