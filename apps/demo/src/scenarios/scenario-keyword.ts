/** The keyword the mock backends look for in the last user message. */
export function scenarioKeyword(name: string): string {
  return `[scenario:${name}]`;
}

/** True when the text already names a scenario (the user typed one), which then wins. */
export function hasScenarioKeyword(text: string): boolean {
  return /\[scenario:\s*[\w-]+\s*\]/u.test(text);
}
