import type { ChatSessionSnapshot } from '@chatstream/reader';
import type { ReactNode } from 'react';

/** The session's status as a small pill; "retrying" while an automatic retry waits. */
export function StatusPill({ state }: { state: ChatSessionSnapshot }): ReactNode {
  const shown = state.retrying ? 'retrying' : state.status;
  return (
    <span className="status-pill" data-status={shown}>
      {shown}
    </span>
  );
}
