import { later } from '../later.ts';
import { isRetryableStatus } from './retry-policy.ts';

/**
 * Sends a Stop to a relay that keeps the stream for a resume (`send`: one cancel request, bounded
 * in time) until the relay takes it. Offline (a Stop in a tunnel), unanswered, or answered with
 * what is worth asking again (a 5xx: the relay's store down, a proxy's 502 while it restarts; a
 * rate limiter's 429), it is sent again after 2, 4 and 8 s (a dead connection while the browser
 * stays online fires no `online`) and when the browser is back online, which starts that count
 * again, rather than paying for the relay's whole grace period. An answer that stays the same (a
 * 501) ends it after four tries.
 */
export function cancelKeptStream(send: () => Promise<Response>): void {
  let timed = 0;
  let again: ReturnType<typeof setTimeout> | undefined;
  let sending = false;
  // Back online while a try was on its way: the try's failure is no reason to wait.
  let returned = false;
  let over = false;
  const onOnline = (): void => {
    if (over) return;
    timed = 0;
    if (sending) returned = true;
    else cancel();
  };
  const done = (): void => {
    over = true;
    globalThis.removeEventListener?.('online', onOnline);
    clearTimeout(again);
  };
  const sendAgain = (answered: boolean): void => {
    sending = false;
    if (!answered && returned) return cancel();
    if (timed < 3) {
      again = later(cancel, 1000 * 2 ** ++timed);
      // Not what keeps a Node process alive after its answer was stopped.
      (again as { unref?: () => void } | undefined)?.unref?.();
    } else if (answered) done();
  };
  const cancel = (): void => {
    clearTimeout(again);
    sending = true;
    returned = false;
    void send().then(
      (response) => {
        void response.body?.cancel().catch(() => undefined);
        if (isRetryableStatus(response.status)) sendAgain(true);
        else done();
      },
      () => sendAgain(false),
    );
  };
  globalThis.addEventListener?.('online', onOnline);
  cancel();
}
