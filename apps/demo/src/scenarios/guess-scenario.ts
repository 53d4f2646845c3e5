import type { ScenarioName } from '@chatstream/mocks';

const RULES: readonly (readonly [RegExp, ScenarioName])[] = [
  [/\b(forecast|tokyo|both cities|several)\b/iu, 'multiTool'],
  [/\b(weather|temperature|rain|sunny)\b/iu, 'toolUse'],
  [/\b(search|latest|news|webb|telescope|sources?)\b/iu, 'webSearch'],
  [/\b(formulas?|equations?|latex|integral|pythagor\w*)\b/iu, 'math'],
  [/(\d\s*[×x*]\s*\d|\bthink|\breason|\bmultiply|\bmath)/iu, 'thinking'],
  [/\b(translate|unicode|emoji|japanese|arabic)\b/iu, 'unicode'],
  [/\b(explain|why|how|markdown|essay|long|streaming)\b/iu, 'longAnswer'],
];

/**
 * The mock answer that fits a message best, for the picker's "Auto" entry: weather questions run the
 * browser tool, "search…" streams citations, arithmetic thinks first. Undefined: the server default.
 *
 * @example
 * guessScenario("What's the weather in Paris?"); // 'toolUse'
 */
export function guessScenario(text: string): ScenarioName | undefined {
  return RULES.find(([pattern]) => pattern.test(text))?.[1];
}
