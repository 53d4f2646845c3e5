import type { ChatWorker } from '@chatstream/mocks/browser';
import { type ReactNode, useState } from 'react';
import type { DemoMode } from './boot/demo-mode.ts';
import { AppHeader, type DemoView } from './components/app-header.tsx';
import { ChatView } from './components/chat-view.tsx';
import { CompareView } from './components/compare-view.tsx';
import { useTheme } from './hooks/use-theme.ts';

/** Props of {@link App}. */
export interface AppProps {
  mode: DemoMode;
  /** The MSW worker's controls in mock mode. */
  mocks: ChatWorker | undefined;
}

function initialView(): DemoView {
  return new URLSearchParams(location.search).get('view') === 'compare' ? 'compare' : 'chat';
}

/** The demo: header, then the chat or the side-by-side screen (both stay mounted, so nothing is lost when switching). */
export function App({ mode, mocks }: AppProps): ReactNode {
  const { theme, toggle } = useTheme();
  const [view, setView] = useState<DemoView>(initialView);
  return (
    <div className="app">
      <AppHeader mode={mode} view={view} onViewChange={setView} theme={theme} onToggleTheme={toggle} />
      <div
        className="view"
        role="tabpanel"
        id="panel-chat"
        aria-labelledby="tab-chat"
        hidden={view !== 'chat'}
      >
        <ChatView mode={mode} mocks={mocks} />
      </div>
      <div
        className="view"
        role="tabpanel"
        id="panel-compare"
        aria-labelledby="tab-compare"
        hidden={view !== 'compare'}
      >
        <CompareView mode={mode} />
      </div>
    </div>
  );
}
