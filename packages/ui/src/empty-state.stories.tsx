import { expect, fn } from 'storybook/test';
import preview from '../../../.storybook/preview.tsx';
import { EmptyState } from './empty-state.tsx';

const meta = preview.meta({
  component: EmptyState,
  title: 'Parts/EmptyState',
  args: { onSelect: fn() },
});

/** An empty conversation: a greeting and prompts to start from; picking one sends it. */
export const WithSuggestions = meta.story({
  args: {
    suggestions: [
      'Explain SSE in one paragraph',
      'Write a haiku about streams',
      'What is the weather in Paris?',
    ],
  },
  play: async ({ canvas, userEvent, args }) => {
    await expect(canvas.getByRole('list', { name: 'Suggestions' })).toBeVisible();
    await userEvent.click(canvas.getByRole('button', { name: 'Write a haiku about streams' }));
    await expect(args.onSelect).toHaveBeenCalledWith('Write a haiku about streams');
  },
});

/** Your own greeting and a line under it. */
export const CustomGreeting = meta.story({
  args: {
    title: 'Ask the docs',
    description: 'Answers cite the pages they come from.',
    suggestions: ['How do I stream into React?'],
  },
});

/** Just the greeting. */
export const NoSuggestions = meta.story({});
