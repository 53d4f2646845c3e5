import type { ReactNode } from 'react';
import type { ModelOptions } from '../chat/model-options.ts';

/** Props of {@link ModelSettings}. */
export interface ModelSettingsProps {
  value: ModelOptions;
  onChange: (value: ModelOptions) => void;
}

/** Thinking and web search for the real model (with mocks, the scenario decides). */
export function ModelSettings({ value, onChange }: ModelSettingsProps): ReactNode {
  return (
    <section className="panel model-settings" aria-label="Model options">
      <h2>Model</h2>
      <label className="switch">
        <input
          type="checkbox"
          checked={value.thinking}
          onChange={(event) => onChange({ ...value, thinking: event.target.checked })}
        />
        <span>Extended thinking</span>
      </label>
      <label className="switch">
        <input
          type="checkbox"
          checked={value.webSearch}
          onChange={(event) => onChange({ ...value, webSearch: event.target.checked })}
        />
        <span>Web search with citations</span>
      </label>
    </section>
  );
}
