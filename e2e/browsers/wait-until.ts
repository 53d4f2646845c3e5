/**
 * Reads `read()` until `done` holds for what it read (every 100 ms, `timeout` ms at most) and returns
 * that value; otherwise fails with `what` and the last value read, which says where it got stuck.
 *
 * @example
 * await waitUntil(() => readScreen(tab), (screen) => screen.status === 'ready', 'the chat is ready');
 */
export async function waitUntil<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  what: string,
  timeout = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) {
      throw new Error(
        `Timed out after ${timeout} ms waiting until ${what}; last seen: ${JSON.stringify(value)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
