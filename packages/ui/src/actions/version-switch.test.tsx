import { describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import { expectNoAxeViolations } from '../test/axe.ts';
import { installStyles } from '../test/styles.ts';
import { VersionSwitch } from './version-switch.tsx';

installStyles();

describe('VersionSwitch', () => {
  it('asks for the version before or after the one shown, and names the group by both', async () => {
    const onShow = vi.fn<(index: number) => void>();
    const screen = await render(<VersionSwitch index={1} count={3} onShow={onShow} />);
    await expect.element(screen.getByRole('group', { name: 'Version 2 of 3' })).toHaveTextContent('2 / 3');
    await screen.getByRole('button', { name: 'Previous version' }).click();
    await screen.getByRole('button', { name: 'Next version' }).click();
    expect(onShow.mock.calls).toEqual([[0], [2]]);
    await expectNoAxeViolations(screen.container);
  });

  it('keeps the arrows focusable at either end and while disabled, and does nothing with them', async () => {
    const onShow = vi.fn<(index: number) => void>();
    const screen = await render(<VersionSwitch index={0} count={2} onShow={onShow} />);
    const previous = screen.getByRole('button', { name: 'Previous version' });
    await expect.element(previous).toHaveAttribute('aria-disabled', 'true');
    await userEvent.tab();
    await expect.element(previous).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    expect(onShow).not.toHaveBeenCalled();

    await screen.rerender(<VersionSwitch index={0} count={2} onShow={onShow} disabled />);
    await expect
      .element(screen.getByRole('button', { name: 'Next version' }))
      .toHaveAttribute('aria-disabled', 'true');
    await userEvent.tab();
    await userEvent.keyboard('{Enter}');
    expect(onShow).not.toHaveBeenCalled();
  });

  it('takes its words as props, for an app in another language', async () => {
    const screen = await render(
      <VersionSwitch
        index={0}
        count={2}
        onShow={vi.fn<(index: number) => void>()}
        previousLabel="Version précédente"
        nextLabel="Version suivante"
        describe={(shown, count) => `Version ${shown} sur ${count}`}
      />,
    );
    await expect.element(screen.getByRole('group', { name: 'Version 1 sur 2' })).toBeVisible();
    await expect.element(screen.getByRole('button', { name: 'Version suivante' })).toBeVisible();
    await expect.element(screen.getByRole('button', { name: 'Version précédente' })).toBeInTheDocument();
  });
});
