import type { ChatWorker } from '@chatstream/mocks/browser';
import { persistChat, reconnectOnReturn, restoreChat } from '@chatstream/reader';
import { ChatStream, type ChatStreamComponents } from '@chatstream/ui';
import { MessageWithActions } from '@chatstream/ui/actions';
import { AttachmentComposer, attachmentRenderers } from '@chatstream/ui/attachments';
import { ReadAloud } from '@chatstream/ui/speech';
import { type ComponentProps, type ReactNode, useEffect, useRef, useState } from 'react';
import type { DemoMode } from '../boot/demo-mode.ts';
import { createDemoSession } from '../chat/create-demo-session.ts';
import { CHAT_KEY } from '../chat/conversation-keys.ts';
import { type ModelOptions, modelRequestBody } from '../chat/model-options.ts';
import { demoSuggestions } from '../chat/suggestions.ts';
import { useSessionState } from '../hooks/use-session-state.ts';
import type { ScenarioChoice } from '../scenarios/scenario-fetch.ts';
import { renderTextFor } from '../text/render-text-for.tsx';
import { DemoEmptyState } from './demo-empty-state.tsx';
import { type DisplayMode, DisplaySettings } from './display-settings.tsx';
import { ModelSettings } from './model-settings.tsx';
import { RequestLog } from './request-log.tsx';
import { ScenarioPicker } from './scenario-picker.tsx';
import { ScenarioSelect } from './scenario-select.tsx';
import { StatsPanel } from './stats-panel.tsx';
import { ToolsPanel } from './tools-panel.tsx';

/** Props of {@link ChatView}. */
export interface ChatViewProps {
  mode: DemoMode;
  mocks: ChatWorker | undefined;
}

/** The composer with attachments, its documents citable: answers may quote them with a citation. */
function DemoComposer(props: ComponentProps<ChatStreamComponents['Composer']>): ReactNode {
  return <AttachmentComposer {...props} citations />;
}

const COMPONENTS: Partial<ChatStreamComponents> = {
  Message: MessageWithActions,
  EmptyState: DemoEmptyState,
  Composer: DemoComposer,
};

/** The same parts, with answers read aloud as they stream. */
const READ_ALOUD_COMPONENTS: Partial<ChatStreamComponents> = { ...COMPONENTS, Announcer: ReadAloud };

/**
 * The main screen: the scenario picker, one `<ChatStream>` (stop, regenerate, copy, edit, tools, retry)
 * and an inspector with live stats, display settings and the mock request log.
 */
export function ChatView({ mode, mocks }: ChatViewProps): ReactNode {
  const [scenario, setScenario] = useState<ScenarioChoice>('auto');
  // The session reads the choice when it sends, so it lives in a holder the session can see.
  const [picked] = useState<{ current: ScenarioChoice }>(() => ({ current: 'auto' }));
  // The conversation outlives a reload of the tab (even one mid-answer).
  const [session] = useState(() => createDemoSession(mode, () => picked.current, restoreChat(CHAT_KEY)));
  useEffect(() => persistChat(session, CHAT_KEY), [session]);
  // An answer a reload interrupted reads on from the relay, which kept it going (in mock mode, from
  // the MSW handlers, which kept it in sessionStorage); so does one the network lost, once back.
  useEffect(() => {
    void session.reconnect();
    return reconnectOnReturn(session);
  }, [session]);
  const state = useSessionState(session);
  const chatRoot = useRef<HTMLDivElement>(null);
  const [display, setDisplay] = useState<DisplayMode>('markdown');
  const [smooth, setSmooth] = useState(false);
  const [readAloud, setReadAloud] = useState(false);
  const [showStats, setShowStats] = useState(true);
  const [model, setModel] = useState<ModelOptions>({ thinking: false, webSearch: false });

  useEffect(() => {
    if (mode.realModel) session.setOptions({ body: modelRequestBody(model) });
  }, [mode.realModel, model, session]);

  const choose = (value: ScenarioChoice): void => {
    picked.current = value;
    setScenario(value);
  };

  return (
    <div className="chat-layout">
      <aside className="sidebar" aria-label={mode.scenarios ? 'Scenarios' : 'Model'}>
        {mode.scenarios ? (
          <ScenarioPicker value={scenario} onChange={choose} />
        ) : (
          <ModelSettings value={model} onChange={setModel} />
        )}
      </aside>
      <main className="chat-main">
        <div className="chat-toolbar">
          {mode.scenarios ? (
            // The sidebar is hidden on a phone: the same choice, as one select above the chat.
            <div className="compact-scenario">
              <ScenarioSelect label="Scenario" value={scenario} onChange={choose} />
            </div>
          ) : null}
          <button
            type="button"
            className="text-button new-chat"
            onClick={() => {
              session.clear();
              // The button hides itself once the chat is empty: the focus goes on to the message box.
              chatRoot.current?.querySelector('textarea')?.focus();
            }}
            disabled={state.messages.length === 0}
          >
            New chat
          </button>
        </div>
        <ChatStream
          ref={chatRoot}
          chat={session}
          className="demo-chat"
          components={readAloud ? READ_ALOUD_COMPONENTS : COMPONENTS}
          renderers={attachmentRenderers}
          renderText={renderTextFor(display, smooth)}
          suggestions={demoSuggestions}
          showStats={showStats}
          placeholder="Message Claude…"
        />
      </main>
      <aside className="inspector" aria-label="Inspector">
        <StatsPanel state={state} />
        <DisplaySettings
          display={display}
          onDisplayChange={setDisplay}
          smooth={smooth}
          onSmoothChange={setSmooth}
          readAloud={readAloud}
          onReadAloudChange={setReadAloud}
          showStats={showStats}
          onShowStatsChange={setShowStats}
        />
        {mocks ? <RequestLog mocks={mocks} /> : null}
        <ToolsPanel />
      </aside>
    </div>
  );
}
