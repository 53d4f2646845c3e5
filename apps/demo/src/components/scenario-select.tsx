import type { ReactNode } from 'react';
import type { ScenarioChoice } from '../scenarios/scenario-fetch.ts';
import { scenarioOptions } from '../scenarios/scenario-options.ts';

/** Props of {@link ScenarioSelect}. */
export interface ScenarioSelectProps {
  value: ScenarioChoice;
  onChange: (value: ScenarioChoice) => void;
  label: string;
}

/** A compact `<select>` over the catalogue, for the side-by-side columns. */
export function ScenarioSelect({ value, onChange, label }: ScenarioSelectProps): ReactNode {
  return (
    <select
      className="scenario-select"
      aria-label={label}
      value={value}
      onChange={(event) => onChange(event.target.value as ScenarioChoice)}
    >
      <option value="auto">Auto (from message)</option>
      <optgroup label="Responses">
        {scenarioOptions
          .filter((option) => option.group === 'content')
          .map((option) => (
            <option key={option.name} value={option.name}>
              {option.label}
            </option>
          ))}
      </optgroup>
      <optgroup label="Faults">
        {scenarioOptions
          .filter((option) => option.group === 'fault')
          .map((option) => (
            <option key={option.name} value={option.name}>
              {option.label}
            </option>
          ))}
      </optgroup>
    </select>
  );
}
