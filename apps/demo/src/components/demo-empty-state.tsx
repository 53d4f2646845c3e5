import { EmptyState, type EmptyStateProps } from '@chatstream/ui';
import type { ReactNode } from 'react';

/** `ChatStream`'s empty state with the demo's greeting. */
export function DemoEmptyState(props: EmptyStateProps): ReactNode {
  return (
    <EmptyState
      title="What should Claude stream?"
      description="Pick a suggestion or a scenario, then watch text, thinking, tool calls and citations arrive token by token. Drop an image, a PDF or a text file here to send it along."
      {...props}
    />
  );
}

/** An empty state for the narrow side-by-side columns. */
export function ColumnEmptyState(props: EmptyStateProps): ReactNode {
  return (
    <EmptyState title="Waiting for a prompt" description="Ask all three from the bar above." {...props} />
  );
}
