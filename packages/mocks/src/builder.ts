import { TOOL_ID_PREFIXES } from './tool-id-prefixes.ts';
import type { ContentBlock, StopReason } from '@chatstream/reader';
import { defineScenario } from './define-scenario.ts';
import type { Fault } from './fault-types.ts';
import { createId, stepRandom } from './ids.ts';
import {
  type BashRun,
  bashResultBlock,
  pairedCallId,
  type WebFetchErrorCode,
  type WebFetchPage,
  type WebSearchErrorCode,
  type WebSearchHit,
  webFetchErrorBlock,
  webFetchResultBlock,
  webSearchErrorBlock,
  webSearchResultBlock,
} from './server-tool-results.ts';
import {
  TOOL_SEARCH_TOOLS,
  toolSearchErrorBlock,
  toolSearchResultBlock,
  type ToolSearchErrorCode,
} from './tool-search-results.ts';
import { checkUsageOrder } from './usage-order.ts';
import type { Random } from './prng.ts';
import type {
  FutureEvent,
  JsonObject,
  MockScenario,
  ScenarioDescription,
  ScenarioStep,
  StopStep,
  TextStep,
  ThinkingStep,
  ToolUseStep,
  UsageUpdate,
} from './scenario-types.ts';

/** Options of {@link scenario}: everything in a description except its steps and faults. */
export type ScenarioOptions = Omit<ScenarioDescription, 'name' | 'steps' | 'faults'>;

/**
 * A small immutable builder over {@link ScenarioStep}s: every call returns a new builder, so a shared
 * prefix can be reused. `stop()` and `error()` end it and return the compiled {@link MockScenario}.
 */
export interface ScenarioBuilder {
  /** A text block. */
  text(text: string, options?: Omit<TextStep, 'type' | 'text'>): ScenarioBuilder;
  /** A thinking block (thinking deltas, then a signature). */
  thinking(thinking: string, options?: Omit<ThinkingStep, 'type' | 'thinking'>): ScenarioBuilder;
  /** A `redacted_thinking` block. */
  redactedThinking(data: string): ScenarioBuilder;
  /** A client tool call with its input streamed as JSON fragments. */
  toolUse(
    name: string,
    input: JsonObject,
    options?: Omit<ToolUseStep, 'type' | 'name' | 'input'>,
  ): ScenarioBuilder;
  /** A server tool call (`web_search`, …). */
  serverToolUse(
    name: string,
    input: JsonObject,
    options?: Omit<ToolUseStep, 'type' | 'name' | 'input'>,
  ): ScenarioBuilder;
  /**
   * A call of tool `name` on MCP server `serverName` through the MCP connector (`mcp_tool_use`), its
   * input streamed as JSON fragments; follow it with its `mcp_tool_result` (`block()`).
   */
  mcpToolUse(
    serverName: string,
    name: string,
    input: JsonObject,
    options?: Omit<ToolUseStep, 'type' | 'name' | 'input' | 'serverName'>,
  ): ScenarioBuilder;
  /**
   * A complete `web_search_tool_result` listing `hits`, for the latest server tool call (a
   * `web_search` one with no result yet, or it throws a `TypeError`).
   */
  webSearchResult(hits: readonly WebSearchHit[]): ScenarioBuilder;
  /** A `web_search_tool_result` that failed (`web_search_tool_result_error`), paired as `webSearchResult`. */
  webSearchError(errorCode: WebSearchErrorCode): ScenarioBuilder;
  /**
   * A complete `web_fetch_tool_result`: the page as a `document` block (text or a base64 PDF), for
   * the latest server tool call (a `web_fetch` one with no result yet, or it throws a `TypeError`).
   */
  webFetchResult(page: WebFetchPage): ScenarioBuilder;
  /** A `web_fetch_tool_result` that failed (`web_fetch_tool_result_error`), paired as `webFetchResult`. */
  webFetchError(errorCode: WebFetchErrorCode): ScenarioBuilder;
  /**
   * A complete `bash_code_execution_tool_result` (the code execution tool): what the command printed,
   * its errors, its exit code and the files it made, for the latest server tool call (a
   * `bash_code_execution` one with no result yet, or it throws a `TypeError`).
   */
  bashResult(run: BashRun): ScenarioBuilder;
  /**
   * A complete `tool_search_tool_result` naming the tools found, for the latest server tool call (a
   * `tool_search_tool_regex` or `tool_search_tool_bm25` one with no result yet, or it throws a
   * `TypeError`).
   */
  toolSearchResult(toolNames: readonly string[]): ScenarioBuilder;
  /** A `tool_search_tool_result` that failed (`tool_search_tool_result_error`), paired as `toolSearchResult`. */
  toolSearchError(errorCode: ToolSearchErrorCode): ScenarioBuilder;
  /** Any block that arrives complete (no deltas). */
  block(block: ContentBlock): ScenarioBuilder;
  /** A `ping` event. */
  ping(): ScenarioBuilder;
  /**
   * A raw event, such as an event type from the future. Not a `content_block_*` event (a
   * `TypeError`): blocks go through `block()` or their own methods, which number them.
   */
  event(event: FutureEvent): ScenarioBuilder;
  /**
   * A usage-only `message_delta` (cumulative totals). The API sends those only after the last content
   * block, so a block added after it throws a `TypeError`.
   */
  usage(usage: UsageUpdate): ScenarioBuilder;
  /** A pause before the next event; realistic timing fills it with pings. */
  pause(ms: number): ScenarioBuilder;
  /** Faults applied when the scenario is served. */
  fault(...faults: Fault[]): ScenarioBuilder;
  /** Ends the message: `message_delta` with the stop reason, then `message_stop`. */
  stop(reason?: StopReason, options?: Omit<StopStep, 'type' | 'reason'>): MockScenario;
  /** Ends the stream with an `error` event (default `overloaded_error`). */
  error(errorType?: string, message?: string): MockScenario;
  /** Compiles the steps so far, with no terminal step (the stream just ends). */
  build(): MockScenario;
}

/**
 * Starts a scenario.
 *
 * @example
 * const weather = scenario('weather')
 *   .text('Let me check the weather.', { chunking: 'words' })
 *   .toolUse('get_weather', { location: 'Paris' }, { fragments: 1 })
 *   .stop('tool_use');
 * weather.events; // message_start, content_block_start, …, message_stop
 * weather.expectedMessage; // the Message the SDK's finalMessage() returns
 */
export function scenario(name = 'custom', options: ScenarioOptions = {}): ScenarioBuilder {
  return createBuilder({ ...options, name, faults: [] });
}

/**
 * The steps so far, from the last one back. Builders that share a prefix share its links, and adding
 * a step copies nothing: a scenario of many thousand steps builds in linear time (copying the array
 * at each step took 22 s for 27,000).
 */
interface StepChain {
  readonly step: ScenarioStep;
  readonly before: StepChain | undefined;
  readonly count: number;
  /** Whether a usage step is among them. */
  readonly usage: boolean;
}

interface Draft extends Omit<ScenarioDescription, 'steps'> {
  chain?: StepChain | undefined;
  faults: Fault[];
}

function stepsOf(chain: StepChain | undefined): ScenarioStep[] {
  const steps: ScenarioStep[] = [];
  for (let link = chain; link; link = link.before) steps.push(link.step);
  return steps.toReversed();
}

function described(
  { chain, ...draft }: Draft,
  last?: ScenarioStep,
): ScenarioDescription & { faults: Fault[] } {
  const steps = stepsOf(chain);
  return { ...draft, steps: last ? [...steps, last] : steps };
}

function createBuilder(draft: Draft): ScenarioBuilder {
  const { chain } = draft;
  const add = (step: ScenarioStep): ScenarioBuilder => {
    // Refused here rather than at stop(), so that the error points at the call to move.
    checkUsageOrder(draft.name, step, chain?.usage ?? false);
    const count = (chain?.count ?? 0) + 1;
    const usage = (chain?.usage ?? false) || step.type === 'usage';
    return createBuilder({ ...draft, chain: { step, before: chain, count, usage } });
  };
  const toolStep = (
    type: ToolUseStep['type'],
    name: string,
    input: JsonObject,
    options: Omit<ToolUseStep, 'type' | 'name' | 'input'>,
  ): ToolUseStep => ({
    type,
    name,
    input,
    ...options,
    // Decided here rather than at compile time so the result steps (webSearchResult(), …) can point at it.
    id: options.id ?? createId(TOOL_ID_PREFIXES[type], nextStepRandom(draft)),
  });
  return {
    text: (text, options = {}) => add({ type: 'text', text, ...options }),
    thinking: (thinking, options = {}) => add({ type: 'thinking', thinking, ...options }),
    redactedThinking: (data) => add({ type: 'redacted_thinking', data }),
    toolUse: (name, input, options = {}) => add(toolStep('tool_use', name, input, options)),
    serverToolUse: (name, input, options = {}) => add(toolStep('server_tool_use', name, input, options)),
    mcpToolUse: (serverName, name, input, options = {}) =>
      add(toolStep('mcp_tool_use', name, input, { ...options, serverName })),
    webSearchResult: (hits) => {
      const id = pairedCallId(stepsOf(chain), 'web_search', 'webSearchResult');
      return add({ type: 'block', block: webSearchResultBlock(id, hits, nextStepRandom(draft)) });
    },
    webSearchError: (errorCode) => {
      const id = pairedCallId(stepsOf(chain), 'web_search', 'webSearchError');
      return add({ type: 'block', block: webSearchErrorBlock(id, errorCode) });
    },
    webFetchResult: (page) => {
      const id = pairedCallId(stepsOf(chain), 'web_fetch', 'webFetchResult');
      return add({ type: 'block', block: webFetchResultBlock(id, page) });
    },
    webFetchError: (errorCode) => {
      const id = pairedCallId(stepsOf(chain), 'web_fetch', 'webFetchError');
      return add({ type: 'block', block: webFetchErrorBlock(id, errorCode) });
    },
    bashResult: (run) => {
      const id = pairedCallId(stepsOf(chain), 'bash_code_execution', 'bashResult');
      return add({ type: 'block', block: bashResultBlock(id, run) });
    },
    toolSearchResult: (toolNames) => {
      const id = pairedCallId(stepsOf(chain), TOOL_SEARCH_TOOLS, 'toolSearchResult');
      return add({ type: 'block', block: toolSearchResultBlock(id, toolNames) });
    },
    toolSearchError: (errorCode) => {
      const id = pairedCallId(stepsOf(chain), TOOL_SEARCH_TOOLS, 'toolSearchError');
      return add({ type: 'block', block: toolSearchErrorBlock(id, errorCode) });
    },
    block: (block) => add({ type: 'block', block }),
    ping: () => add({ type: 'ping' }),
    event: (event) => {
      // A block's events numbered by hand would not move the builder's own count: the next block
      // would share its index, and expectedMessage would leave it out, without a word.
      if (['content_block_start', 'content_block_delta', 'content_block_stop'].includes(event.type)) {
        throw new TypeError(
          `event() takes events outside the blocks; give a block with block() (complete) or its own method (${event.type})`,
        );
      }
      return add({ type: 'event', event });
    },
    usage: (usage) => add({ type: 'usage', usage }),
    pause: (ms) => add({ type: 'pause', ms }),
    fault: (...faults) => createBuilder({ ...draft, faults: [...draft.faults, ...faults] }),
    stop: (reason = 'end_turn', options = {}) =>
      defineScenario(described(draft, { type: 'stop', reason, ...options })),
    error: (errorType = 'overloaded_error', message = 'Overloaded') =>
      defineScenario(described(draft, { type: 'error', errorType, message })),
    build: () => defineScenario(described(draft)),
  };
}

const nextStepRandom = (draft: Draft): Random => stepRandom(draft.name, draft.chain?.count ?? 0, draft.seed);
