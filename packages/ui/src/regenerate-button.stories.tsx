import { expect, fn } from 'storybook/test';
import preview from '../../../.storybook/preview.tsx';
import { RegenerateButton } from './regenerate-button.tsx';

const meta = preview.meta({
  component: RegenerateButton,
  title: 'Parts/RegenerateButton',
  args: { onClick: fn() },
});

/** Asks for a new answer in place of the last one. */
export const Default = meta.story({
  play: async ({ canvas, userEvent, args }) => {
    await userEvent.click(canvas.getByRole('button', { name: 'Regenerate' }));
    await expect(args.onClick).toHaveBeenCalledOnce();
  },
});

/** Its label is its children. */
export const CustomLabel = meta.story({ args: { children: 'Try again' } });
