import { createRandom, hashSeed, type Random } from './prng.ts';

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

/**
 * The seeded randomness of step `position` of a scenario, for the ids it carries: the builder and
 * `defineScenario` draw from it alike, so the same steps get the same ids either way.
 */
export function stepRandom(name: string, position: number, seed = 0): Random {
  return createRandom(hashSeed(`${name}#${position}`, seed));
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * An opaque base64 value shaped like the API's encrypted ones (`encrypted_index`, …), drawn from
 * `random` so it is the same on every run. Clients must pass such values back untouched, never read them.
 */
export function createOpaque(random: Random, length = 48): string {
  let value = 'Eo';
  for (let i = 0; i < length; i++) value += BASE64[random.int(0, BASE64.length - 1)];
  return `${value}=`;
}
