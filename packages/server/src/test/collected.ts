import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

// The flag makes `gc` available to a new context: a full collection on demand.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/**
 * How many targets are still alive after collecting garbage between macrotasks (a weak reference
 * holds its target until the job that made it is over, and a stream's last callbacks may still be
 * queued on a loaded machine) for up to five seconds. A leak outlasts every round.
 */
export async function stillAlive(refs: readonly WeakRef<object>[]): Promise<number> {
  let alive = refs.length;
  for (let round = 0; round < 100 && alive > 0; round++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    gc();
    alive = refs.filter((ref) => ref.deref() !== undefined).length;
  }
  return alive;
}
