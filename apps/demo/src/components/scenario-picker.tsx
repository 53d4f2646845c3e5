import { type ReactNode, useId } from 'react';
import type { ScenarioChoice } from '../scenarios/scenario-fetch.ts';
import { type ScenarioOption, scenarioOptions } from '../scenarios/scenario-options.ts';

/** Props of {@link ScenarioPicker}. */
export interface ScenarioPickerProps {
  value: ScenarioChoice;
  onChange: (value: ScenarioChoice) => void;
}

function Choice({
  name,
  value,
  checked,
  onChange,
  label,
  feature,
  title,
}: {
  name: string;
  value: ScenarioChoice;
  checked: boolean;
  onChange: (value: ScenarioChoice) => void;
  label: string;
  feature?: string | undefined;
  title: string;
}): ReactNode {
  return (
    <label className="scenario-choice" title={title} data-checked={checked || undefined}>
      <input type="radio" name={name} value={value} checked={checked} onChange={() => onChange(value)} />
      <span className="scenario-label">{label}</span>
      {feature ? <span className="scenario-tag">{feature}</span> : null}
    </label>
  );
}

function Group({
  title,
  options,
  name,
  value,
  onChange,
}: ScenarioPickerProps & { title: string; options: readonly ScenarioOption[]; name: string }): ReactNode {
  return (
    <fieldset className="scenario-group">
      <legend>{title}</legend>
      {options.map((option) => (
        <Choice
          key={option.name}
          name={name}
          value={option.name}
          checked={value === option.name}
          onChange={onChange}
          label={option.label}
          feature={option.feature}
          title={option.description}
        />
      ))}
    </fieldset>
  );
}

/**
 * Every scenario of the mocks catalogue, faults included, as one radio group. The choice is sent as
 * a `[scenario:name]` keyword with the next message; "Auto" guesses it from the message.
 */
export function ScenarioPicker({ value, onChange }: ScenarioPickerProps): ReactNode {
  const name = useId();
  const selected = scenarioOptions.find((option) => option.name === value);
  return (
    <nav className="scenario-picker" aria-label="Mock scenarios">
      <div className="scenario-picker-head">
        <h2>Scenario</h2>
        <p className="scenario-description" aria-live="polite">
          {value === 'auto'
            ? 'Picked from your message: weather runs the browser tool, “search” cites sources, arithmetic thinks first.'
            : (selected?.description ?? '')}
        </p>
      </div>
      <div className="scenario-list">
        <fieldset className="scenario-group">
          <legend className="visually-hidden">Automatic</legend>
          <Choice
            name={name}
            value="auto"
            checked={value === 'auto'}
            onChange={onChange}
            label="Auto"
            feature="from message"
            title="Guess the scenario from the message"
          />
        </fieldset>
        <Group
          title="Responses"
          options={scenarioOptions.filter((option) => option.group === 'content')}
          name={name}
          value={value}
          onChange={onChange}
        />
        <Group
          title="Faults"
          options={scenarioOptions.filter((option) => option.group === 'fault')}
          name={name}
          value={value}
          onChange={onChange}
        />
      </div>
    </nav>
  );
}
