import { type ReactNode, useId } from 'react';

/** How answers are shown: rendered Markdown as it streams, only completed sentences, or raw text. */
export type DisplayMode = 'markdown' | 'sentences' | 'plain';

/** Props of {@link DisplaySettings}. */
export interface DisplaySettingsProps {
  display: DisplayMode;
  onDisplayChange: (display: DisplayMode) => void;
  /** With both, a switch for revealing answers at an even pace (`@chatstream/ui/smooth`). */
  smooth?: boolean;
  onSmoothChange?: (smooth: boolean) => void;
  /** With both, a switch for the stats line under the chat. */
  showStats?: boolean;
  onShowStatsChange?: (show: boolean) => void;
  /** Only the segmented control (toolbars). */
  compact?: boolean;
}

const MODES: readonly { id: DisplayMode; label: string; hint: string }[] = [
  { id: 'markdown', label: 'Markdown', hint: 'Rendered as it streams.' },
  { id: 'sentences', label: 'Sentences', hint: 'Only completed sentences, via the reader’s segmentText.' },
  { id: 'plain', label: 'Plain', hint: 'Raw text, exactly as it arrives.' },
];

/** The display mode switch and, optionally, the stats line toggle. */
export function DisplaySettings({
  display,
  onDisplayChange,
  smooth,
  onSmoothChange,
  showStats,
  onShowStatsChange,
  compact = false,
}: DisplaySettingsProps): ReactNode {
  const name = useId();
  const control = (
    <div className="segmented" role="radiogroup" aria-label="Text display">
      {MODES.map((mode) => (
        <label key={mode.id} title={mode.hint} data-checked={display === mode.id || undefined}>
          <input
            type="radio"
            name={name}
            value={mode.id}
            checked={display === mode.id}
            onChange={() => onDisplayChange(mode.id)}
          />
          {mode.label}
        </label>
      ))}
    </div>
  );
  if (compact) return control;
  return (
    <section className="panel display-settings" aria-labelledby={`${name}-title`}>
      <h2 id={`${name}-title`}>Display</h2>
      {control}
      <p className="hint">{MODES.find((mode) => mode.id === display)?.hint}</p>
      {smooth !== undefined && onSmoothChange ? (
        <label
          className="switch"
          title="Spreads the network's bursts over the frames between them (@chatstream/ui/smooth)."
        >
          <input
            type="checkbox"
            checked={smooth}
            disabled={display === 'sentences'}
            onChange={(event) => onSmoothChange(event.target.checked)}
          />
          <span>Reveal at an even pace</span>
        </label>
      ) : null}
      {showStats !== undefined && onShowStatsChange ? (
        <label className="switch">
          <input
            type="checkbox"
            checked={showStats}
            onChange={(event) => onShowStatsChange(event.target.checked)}
          />
          <span>Stats line under the chat</span>
        </label>
      ) : null}
    </section>
  );
}
