import { expect, fn } from 'storybook/test';
import preview from '../../../.storybook/preview.tsx';
import { StopButton } from './stop-button.tsx';

const meta = preview.meta({ component: StopButton, title: 'Parts/StopButton', args: { onClick: fn() } });

/** Stops the response; what arrived stays. */
export const Default = meta.story({
  play: async ({ canvas, userEvent, args }) => {
    await userEvent.click(canvas.getByRole('button', { name: 'Stop' }));
    await expect(args.onClick).toHaveBeenCalledOnce();
  },
});

/** Its label is its children. */
export const CustomLabel = meta.story({ args: { children: 'Stop generating' } });

/** Disabled (the composer is disabled). */
export const Disabled = meta.story({ args: { disabled: true } });
