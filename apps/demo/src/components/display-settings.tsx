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
  /** With both, a switch for reading answers aloud as they stream (`@chatstream/ui/speech`). */
  readAloud?: boolean;
  onReadAloudChange?: (readAloud: boolean) => void;
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

/** A labelled checkbox of the settings; nothing without both `checked` and `onChange`. */
function Switch({
  label,
  hint,
  checked,
  disabled = false,
  onChange,
}: {
  label: string;
  hint?: string;
  checked: boolean | undefined;
  disabled?: boolean;
  onChange: ((checked: boolean) => void) | undefined;
}): ReactNode {
  if (checked === undefined || !onChange) return null;
  return (
    <label className="switch" title={hint}>
      <input
        type="checkbox"
        checked={checked}
        disabled={disabled}
        onChange={(event) => onChange(event.target.checked)}
      />
      <span>{label}</span>
    </label>
  );
}

/** The display mode switch and, optionally, the switches for pace, reading aloud and the stats line. */
export function DisplaySettings({
  display,
  onDisplayChange,
  smooth,
  onSmoothChange,
  readAloud,
  onReadAloudChange,
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
      <Switch
        label="Reveal at an even pace"
        hint="Spreads the network's bursts over the frames between them (@chatstream/ui/smooth)."
        checked={smooth}
        disabled={display === 'sentences'}
        onChange={onSmoothChange}
      />
      <Switch
        label="Read answers aloud"
        hint="Speaks each sentence once it is complete, with the browser's voice (@chatstream/ui/speech)."
        checked={readAloud}
        onChange={onReadAloudChange}
      />
      <Switch label="Stats line under the chat" checked={showStats} onChange={onShowStatsChange} />
    </section>
  );
}
