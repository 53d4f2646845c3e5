import type { ChatSession } from '@chatstream/reader';
import { ChatStream, type ChatStreamComponents } from '@chatstream/ui';
import type { ReactNode } from 'react';
import { useSessionState } from '../hooks/use-session-state.ts';
import type { ScenarioChoice } from '../scenarios/scenario-fetch.ts';
import { renderTextFor } from '../text/render-text-for.tsx';
import { ColumnEmptyState } from './demo-empty-state.tsx';
import type { DisplayMode } from './display-settings.tsx';
import { ScenarioSelect } from './scenario-select.tsx';
import { StatsPanel } from './stats-panel.tsx';
import { StatusPill } from './status-pill.tsx';

/** Props of {@link CompareColumn}. */
export interface CompareColumnProps {
  title: string;
  session: ChatSession;
  /** Shown when a mock backend answers. */
  scenario: ScenarioChoice | undefined;
  onScenarioChange: (value: ScenarioChoice) => void;
  display: DisplayMode;
}

// The shared bar above the columns sends; each column keeps stop, regenerate, tools and retry.
const COMPONENTS: Partial<ChatStreamComponents> = { Composer: () => null, EmptyState: ColumnEmptyState };

/** One of the side-by-side conversations: its own session, scenario and live figures. */
export function CompareColumn({
  title,
  session,
  scenario,
  onScenarioChange,
  display,
}: CompareColumnProps): ReactNode {
  const state = useSessionState(session);
  const busy = state.status === 'submitted' || state.status === 'streaming';
  return (
    <section className="compare-column" aria-label={title} data-state={state.status}>
      <header className="compare-head">
        <h2>{title}</h2>
        {scenario === undefined ? null : (
          <ScenarioSelect label={`Scenario of ${title}`} value={scenario} onChange={onScenarioChange} />
        )}
        <StatusPill state={state} />
        {busy ? (
          <button type="button" className="text-button" onClick={() => void session.stop()}>
            Stop
          </button>
        ) : null}
      </header>
      <StatsPanel state={state} compact />
      <ChatStream
        chat={session}
        className="demo-chat"
        components={COMPONENTS}
        renderText={renderTextFor(display)}
      />
    </section>
  );
}
