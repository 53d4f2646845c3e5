import type { Random } from './prng.ts';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/**
 * An id shaped like the API's (`msg_01…`, `toolu_01…`, `srvtoolu_01…`, `req_01…`), drawn from
 * `random` so a seeded scenario always carries the same ids.
 */
export function createId(prefix: string, random: Random): string {
  let id = `${prefix}_01`;
  for (let i = 0; i < 22; i++) id += ALPHABET[random.int(0, ALPHABET.length - 1)];
  return id;
}
