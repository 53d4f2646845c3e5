import { type ReactNode, useEffect, useState } from 'react';
import { persistChat, reconnectOnReturn, restoreChat } from '@chatstream/reader';
import type { DemoMode } from '../boot/demo-mode.ts';
import { createDemoSession } from '../chat/create-demo-session.ts';
import { compareKey } from '../chat/conversation-keys.ts';
import { useSessionState } from '../hooks/use-session-state.ts';
import type { ScenarioChoice } from '../scenarios/scenario-fetch.ts';
import { BroadcastComposer } from './broadcast-composer.tsx';
import { CompareColumn } from './compare-column.tsx';
import { type DisplayMode, DisplaySettings } from './display-settings.tsx';

/** Props of {@link CompareView}. */
export interface CompareViewProps {
  mode: DemoMode;
}

const COLUMNS: readonly { title: string; scenario: ScenarioChoice }[] = [
  { title: 'Stream A', scenario: 'longAnswer' },
  { title: 'Stream B', scenario: 'thinking' },
  { title: 'Stream C', scenario: 'webSearch' },
];

/** The columns' sessions, each kept over a reload and read on when the page is back. */
function useColumns(mode: DemoMode) {
  const [columns] = useState(() =>
    COLUMNS.map((column, index) => {
      const picked = { current: column.scenario };
      const session = createDemoSession(mode, () => picked.current, restoreChat(compareKey(index)));
      return { ...column, picked, session };
    }),
  );
  useEffect(() => {
    const stops = columns.flatMap(({ session }, index) => [
      persistChat(session, compareKey(index)),
      reconnectOnReturn(session),
    ]);
    for (const { session } of columns) void session.reconnect();
    return () => {
      for (const stop of stops) stop();
    };
  }, [columns]);
  return columns;
}

/**
 * Three independent sessions streaming at once, side by side: one prompt goes to all three, each
 * column with its own scenario, status and figures.
 */
export function CompareView({ mode }: CompareViewProps): ReactNode {
  const columns = useColumns(mode);
  const [scenarios, setScenarios] = useState(() => columns.map((column) => column.scenario));
  const [display, setDisplay] = useState<DisplayMode>('markdown');
  const states = [
    useSessionState(columns[0]!.session),
    useSessionState(columns[1]!.session),
    useSessionState(columns[2]!.session),
  ];
  const busy = states.some((state) => state.status === 'submitted' || state.status === 'streaming');

  const setScenario = (index: number, value: ScenarioChoice): void => {
    columns[index]!.picked.current = value;
    setScenarios((previous) => previous.map((item, at) => (at === index ? value : item)));
  };

  return (
    <div className="compare-layout">
      <div className="compare-toolbar">
        <BroadcastComposer
          busy={busy}
          onSend={(text) => {
            for (const { session } of columns) void session.send(text).catch(() => undefined);
          }}
          onStop={() => {
            for (const { session } of columns) void session.stop();
          }}
          onClear={() => {
            for (const { session } of columns) session.clear();
          }}
        />
        <DisplaySettings display={display} onDisplayChange={setDisplay} compact />
      </div>
      <div className="compare-columns">
        {columns.map((column, index) => (
          <CompareColumn
            key={column.title}
            title={column.title}
            session={column.session}
            scenario={mode.scenarios ? scenarios[index] : undefined}
            onScenarioChange={(value) => setScenario(index, value)}
            display={display}
          />
        ))}
      </div>
    </div>
  );
}
