import { expect, it, vi } from 'vitest';
import { render } from 'vitest-browser-react';
import { RegenerateButton } from './regenerate-button.tsx';
import { expectNoAxeViolations } from './test/axe.ts';
import { installStyles } from './test/styles.ts';

installStyles();

it('is a named button that forwards its ref, className and clicks', async () => {
  const onRegenerate = vi.fn<() => void>();
  const ref = { current: null as HTMLButtonElement | null };
  const screen = await render(<RegenerateButton ref={ref} onClick={onRegenerate} className="mine" />);
  await screen.getByRole('button', { name: 'Regenerate' }).click();
  expect(onRegenerate).toHaveBeenCalledOnce();
  expect(ref.current?.dataset['slot']).toBe('regenerate-button');
  expect(ref.current?.className).toBe('mine');
  await expectNoAxeViolations(screen.container);
});
