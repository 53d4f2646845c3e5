import { contentScenarios, faultScenarios, type MockScenario, type ScenarioName } from '@chatstream/mocks';

/** One entry of the scenario picker. */
export interface ScenarioOption {
  readonly name: ScenarioName;
  readonly label: string;
  readonly description: string;
  readonly group: 'content' | 'fault';
  /** What the scenario shows off in this demo, as a short tag. */
  readonly feature?: string;
}

const FEATURES: Partial<Record<ScenarioName, string>> = {
  longAnswer: 'markdown',
  math: 'KaTeX',
  toolUse: 'browser tool',
  multiTool: 'approval',
  thinking: 'thinking',
  redactedThinking: 'thinking',
  webSearch: 'citations',
  research: 'web fetch',
  codeExecution: 'code execution',
  toolSearch: 'tool search',
  serverToolErrors: 'tool errors',
  refusal: 'refusal',
  maxTokens: 'cut off',
  maxTokensInToolInput: 'cut off',
  pauseTurn: 'pause_turn',
  unicode: 'unicode',
  flakyThenOk: 'retries',
  overloadedMidStream: 'retry',
  droppedConnection: 'network',
  stalled: 'timeout',
};

function humanize(name: string): string {
  const words = name.replace(/([a-z])([A-Z])/gu, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function toOptions(
  group: ScenarioOption['group'],
  entries: Readonly<Partial<Record<ScenarioName, MockScenario>>>,
): ScenarioOption[] {
  return Object.entries(entries).map(([name, scenario]) => {
    const key = name as ScenarioName;
    const feature = FEATURES[key];
    return {
      name: key,
      label: humanize(name),
      description: scenario.description,
      group,
      ...(feature ? { feature } : {}),
    };
  });
}

/** Every scenario of the mocks catalogue, well-formed responses first, then the faults. */
export const scenarioOptions: readonly ScenarioOption[] = [
  ...toOptions('content', contentScenarios),
  ...toOptions('fault', faultScenarios),
];

/** The picker's entry for `name`. */
export function scenarioOption(name: string): ScenarioOption | undefined {
  return scenarioOptions.find((option) => option.name === name);
}
