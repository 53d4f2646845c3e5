import type { KeyboardEvent, ReactNode } from 'react';
import type { DemoMode } from '../boot/demo-mode.ts';
import type { Theme } from '../hooks/use-theme.ts';
import { ModeBadge } from './mode-badge.tsx';
import { ThemeToggle } from './theme-toggle.tsx';

/** The demo's two screens. */
export type DemoView = 'chat' | 'compare';

/** Props of {@link AppHeader}. */
export interface AppHeaderProps {
  mode: DemoMode;
  view: DemoView;
  onViewChange: (view: DemoView) => void;
  theme: Theme;
  onToggleTheme: () => void;
}

const VIEWS: readonly { id: DemoView; label: string }[] = [
  { id: 'chat', label: 'Chat' },
  { id: 'compare', label: 'Side by side' },
];

/** The tab a key moves to (WAI-ARIA tabs: arrows wrap around, Home and End go to the ends), if any. */
function tabFor(key: string, current: number): number | undefined {
  const last = VIEWS.length - 1;
  if (key === 'ArrowRight') return current === last ? 0 : current + 1;
  if (key === 'ArrowLeft') return current === 0 ? last : current - 1;
  if (key === 'Home') return 0;
  if (key === 'End') return last;
  return undefined;
}

/** Brand, the screen tabs, the transport mode and the theme switch. */
export function AppHeader({ mode, view, onViewChange, theme, onToggleTheme }: AppHeaderProps): ReactNode {
  // The tabs are one stop for Tab: the arrows move between them and show the screen at once.
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const next = tabFor(
      event.key,
      VIEWS.findIndex((item) => item.id === view),
    );
    if (next === undefined) return;
    event.preventDefault();
    const item = VIEWS[next]!;
    onViewChange(item.id);
    document.getElementById(`tab-${item.id}`)?.focus();
  };
  return (
    <header className="app-header">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          <svg viewBox="0 0 32 32" width="28" height="28">
            <rect width="32" height="32" rx="8" fill="currentColor" />
            <path d="M8 11h16M8 16h12M8 21h8" stroke="white" strokeWidth="2.5" strokeLinecap="round" />
          </svg>
        </span>
        <span className="brand-name">chatstream</span>
        <span className="brand-tag">demo</span>
      </div>
      <div className="view-tabs" role="tablist" aria-label="Screens" onKeyDown={onKeyDown}>
        {VIEWS.map((item) => (
          <button
            key={item.id}
            type="button"
            role="tab"
            id={`tab-${item.id}`}
            aria-selected={view === item.id}
            aria-controls={`panel-${item.id}`}
            tabIndex={view === item.id ? 0 : -1}
            onClick={() => onViewChange(item.id)}
          >
            {item.label}
          </button>
        ))}
      </div>
      <div className="header-end">
        <ModeBadge mode={mode} />
        <ThemeToggle theme={theme} onToggle={onToggleTheme} />
      </div>
    </header>
  );
}
