import type { ReactNode } from 'react';
import type { DemoMode } from '../boot/demo-mode.ts';

/** What the page talks to, in the header: the in-browser mock, or the relay and what is behind it. */
export function ModeBadge({ mode }: { mode: DemoMode }): ReactNode {
  const { kind, server, forced } = mode;
  let label: string;
  let detail: string;
  if (kind === 'msw') {
    label = 'Mock';
    detail = 'MSW in this tab · offline, no key';
  } else if (!server.relay) {
    label = 'Relay';
    detail = 'not configured: start with ANTHROPIC_API_KEY';
  } else {
    label = 'Relay';
    detail = `${server.upstream === 'custom' ? 'ANTHROPIC_BASE_URL' : 'Anthropic API'} · ${server.model ?? ''}`;
  }
  return (
    <div
      className="mode-badge"
      data-mode={kind}
      data-ok={kind === 'msw' || server.relay}
      role="status"
      aria-label={`Mode: ${label}, ${detail}${forced ? ', chosen by ?mode in the address' : ''}`}
    >
      <span className="mode-dot" aria-hidden="true" />
      <strong>{label}</strong>
      <span className="mode-detail">{detail}</span>
      {forced ? <span className="mode-forced">?mode</span> : null}
    </div>
  );
}
