// The benchmark's input, built the same way in every page load: the prior conversation and the
// answer's text deltas (deterministic, from the shared bench PRNG).
import { pick, random, randomText, WORDS } from '../../anthropic-stream.ts';
import { DELTA_SEED, DELTAS, PRIOR_MESSAGES, PRIOR_SEED } from '../shared.ts';

/** One prior turn: id, author and plain text. */
export interface PriorTurn {
  id: string;
  role: 'user' | 'assistant';
  text: string;
}

/** The conversation before the answer: alternating user and assistant turns of a few dozen words. */
export function priorTurns(count: number = PRIOR_MESSAGES): PriorTurn[] {
  const rand = random(PRIOR_SEED);
  return Array.from({ length: count }, (_, index) => ({
    id: `prior-${index}`,
    role: index % 2 === 0 ? 'user' : 'assistant',
    text: Array.from({ length: 4 + Math.floor(rand() * 12) }, () => randomText(rand)).join(''),
  }));
}

/**
 * The answer's tokens: one word each, most with a leading space (about 7 characters, near a real
 * token's 4 while keeping non-ASCII, emoji, quotes and line breaks in the mix).
 */
export function answerDeltas(count: number = DELTAS): string[] {
  const rand = random(DELTA_SEED);
  return Array.from({ length: count }, () => (rand() < 0.9 ? ' ' : '') + pick(rand, WORDS));
}
