import axe from 'axe-core';
import { expect } from 'vitest';

/** Runs axe on `element` once animations settled, and fails with the rule ids and targets of any violation. */
export async function expectNoAxeViolations(element: Element): Promise<void> {
  // Colours are only meaningful once entrance animations (fades) have finished.
  const finite = document
    .getAnimations()
    .filter((animation) => animation.effect?.getTiming().iterations !== Infinity);
  await Promise.all(finite.map((animation) => animation.finished.catch(() => undefined)));
  const { violations } = await axe.run(element);
  expect(
    violations.map(
      (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    ),
  ).toEqual([]);
}
