import { type FormEvent, type KeyboardEvent, type ReactNode, useState } from 'react';

/** Props of {@link BroadcastComposer}. */
export interface BroadcastComposerProps {
  busy: boolean;
  onSend: (text: string) => void;
  onStop: () => void;
  onClear: () => void;
}

/** One prompt for several conversations: Send starts every stream at once, Stop ends them all. */
export function BroadcastComposer({ busy, onSend, onStop, onClear }: BroadcastComposerProps): ReactNode {
  const [draft, setDraft] = useState('Explain why streaming matters for chat apps');
  const submit = (event?: FormEvent): void => {
    event?.preventDefault();
    if (!busy && draft.trim()) onSend(draft.trim());
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key === 'Escape' && busy) onStop();
  };
  return (
    <form className="broadcast" onSubmit={submit}>
      <input
        type="text"
        aria-label="Prompt for all three streams"
        placeholder="Ask all three at once…"
        value={draft}
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={onKeyDown}
      />
      {busy ? (
        <button type="button" className="danger-button" onClick={onStop}>
          Stop all
        </button>
      ) : (
        <button type="submit" className="primary-button" disabled={!draft.trim()}>
          Send to all three
        </button>
      )}
      <button type="button" className="text-button" onClick={onClear} disabled={busy}>
        Clear
      </button>
    </form>
  );
}
