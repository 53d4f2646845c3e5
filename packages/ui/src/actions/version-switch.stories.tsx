import { useState } from 'react';
import { expect } from 'storybook/test';
import preview from '../../../../.storybook/preview.tsx';
import { VersionSwitch } from './version-switch.tsx';

const meta = preview.meta({
  component: VersionSwitch,
  title: 'Parts/VersionSwitch',
  args: { index: 1, count: 3, onShow: () => undefined },
});

/** The second of three versions: both arrows work. */
export const Middle = meta.story({});

/** The newest version: "Next version" is marked disabled but keeps the focus it may have. */
export const Newest = meta.story({ args: { index: 2, count: 3 } });

/** While an answer streams the versions cannot change: both arrows are disabled. */
export const WhileStreaming = meta.story({ args: { disabled: true } });

/** Driven by state, as `MessageWithActions` drives it with the session: the arrows move through the versions. */
export const Interactive = meta.story({
  render: (args) => {
    const [index, setIndex] = useState(0);
    return <VersionSwitch {...args} index={index} onShow={setIndex} />;
  },
  play: async ({ canvas, userEvent }) => {
    await expect(canvas.getByRole('group', { name: 'Version 1 of 3' })).toBeVisible();
    await userEvent.click(canvas.getByRole('button', { name: 'Next version' }));
    await userEvent.click(canvas.getByRole('button', { name: 'Next version' }));
    await expect(canvas.getByRole('group', { name: 'Version 3 of 3' })).toBeVisible();
    await expect(canvas.getByRole('button', { name: 'Next version' })).toHaveAttribute(
      'aria-disabled',
      'true',
    );
  },
});
