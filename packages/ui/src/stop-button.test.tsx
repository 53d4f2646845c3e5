import { expect, it, vi } from 'vitest';
import { render } from 'vitest-browser-react';
import { StopButton } from './stop-button.tsx';
import { expectNoAxeViolations } from './test/axe.ts';
import { installStyles } from './test/styles.ts';

installStyles();

it('is a named button that forwards its ref, className and clicks', async () => {
  const onStop = vi.fn<() => void>();
  const ref = { current: null as HTMLButtonElement | null };
  const screen = await render(<StopButton ref={ref} onClick={onStop} className="mine" />);
  await screen.getByRole('button', { name: 'Stop' }).click();
  expect(onStop).toHaveBeenCalledOnce();
  expect(ref.current?.dataset['slot']).toBe('stop-button');
  expect(ref.current?.className).toBe('mine');
  await expectNoAxeViolations(screen.container);
});
