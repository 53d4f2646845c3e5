import { expect, it, vi } from 'vitest';
import { render } from 'vitest-browser-react';
import { EmptyState } from './empty-state.tsx';
import { expectNoAxeViolations } from './test/axe.ts';
import { installStyles } from './test/styles.ts';

installStyles();

it('EmptyState offers clickable suggestions', async () => {
  const onSelect = vi.fn<(suggestion: string) => void>();
  const screen = await render(
    <EmptyState
      description="Ask anything."
      suggestions={['Write a haiku', 'Explain SSE']}
      onSelect={onSelect}
    />,
  );
  await expect.element(screen.getByText('How can I help you today?')).toBeVisible();
  await screen.getByRole('button', { name: 'Explain SSE' }).click();
  expect(onSelect).toHaveBeenCalledExactlyOnceWith('Explain SSE');
  await expect.element(screen.getByRole('list', { name: 'Suggestions' })).toBeVisible();
  await expectNoAxeViolations(screen.container);
});

it('EmptyState keeps each suggestion when an app offers the same words twice', async () => {
  const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  const suggestions = ['Write a haiku', 'Write a haiku', 'Explain SSE'];
  const screen = await render(<EmptyState suggestions={suggestions} />);
  await screen.rerender(<EmptyState suggestions={['Explain SSE', 'Write a haiku', 'Write a haiku']} />);
  expect(screen.getByRole('button', { name: 'Write a haiku' }).all()).toHaveLength(2);
  // Before: React's warning of two children with one key, which may drop or reorder buttons.
  expect(errors.mock.calls.flat().join(' ')).not.toMatch(/same key/);
  errors.mockRestore();
});
