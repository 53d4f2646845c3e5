/** Holds `response` after its first `chunks` chunks until `release` resolves, so a test sees the answer mid-stream however slow the machine. */
export function holdStreamAfter(response: Response, release: Promise<void>, chunks = 1): Response {
  let sent = 0;
  const held = new TransformStream<Uint8Array, Uint8Array>({
    async transform(chunk, controller) {
      if (sent++ >= chunks) await release;
      controller.enqueue(chunk);
    },
  });
  return new Response(response.body!.pipeThrough(held), response);
}
