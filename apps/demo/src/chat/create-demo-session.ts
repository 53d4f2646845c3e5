import { type ChatSession, createChatSession, type RestoredChat } from '@chatstream/reader';
import type { DemoMode } from '../boot/demo-mode.ts';
import { createScenarioFetch, type ScenarioChoice } from '../scenarios/scenario-fetch.ts';
import { demoTools } from './demo-tools.ts';

/** `max_tokens` of every demo request (above the thinking budget, under the relay's cap). */
export const DEMO_MAX_TOKENS = 2048;

/**
 * A conversation wired the way the demo needs it: the browser tools, a step cap, retries before the
 * first token, timeouts for the headers and between chunks (so `stalled` ends in a clear error) and, when a mock backend answers,
 * the scenario keyword added to the request; `saved` (what `restoreChat` gave) to go on with a saved
 * conversation, its earlier versions included.
 */
export function createDemoSession(
  mode: DemoMode,
  scenario: () => ScenarioChoice,
  saved: RestoredChat = {},
): ChatSession {
  return createChatSession({
    api: '/api/chat',
    ...saved,
    tools: demoTools,
    maxSteps: 6,
    maxTokens: DEMO_MAX_TOKENS,
    retry: { maxRetries: 2 },
    headersTimeoutMs: 30_000,
    idleTimeoutMs: 20_000,
    ...(mode.scenarios ? { fetch: createScenarioFetch(scenario) } : {}),
  });
}
