import { expect } from 'storybook/test';
import preview from '../../../../.storybook/preview.tsx';
import { CopyButton } from './copy-button.tsx';

const meta = preview.meta({
  component: CopyButton,
  title: 'Parts/CopyButton',
  args: { text: 'Server-sent events stream text over one HTTP response.' },
});

/** Copies its text; "Copied" for two seconds, announced to screen readers. */
export const Default = meta.story({
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(canvas.getByRole('button', { name: 'Copy' }));
    await expect(await canvas.findByRole('button', { name: 'Copied' })).toBeVisible();
  },
});

/** Its own words, e.g. for a link or a code sample. */
export const CustomLabels = meta.story({
  args: { label: 'Copy link', copiedLabel: 'Link copied', text: 'https://example.com/chat/42' },
});
