/**
 * Prompts for the empty chat. With mocks, "Auto" maps each to the scenario that shows the feature
 * (weather → browser tool, forecast → approval, search → citations, 17 × 23 → thinking).
 */
export const demoSuggestions: readonly string[] = [
  "What's the weather in Paris right now?",
  'Weather and a 3-day forecast for Tokyo',
  'Search the latest news about the James Webb telescope',
  'What is 17 × 23? Think it through.',
  'Explain why streaming matters for chat apps',
];
