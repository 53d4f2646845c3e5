import type { Labels } from '../labels.tsx';
import { type MockScenario, scenario as buildScenario, scenarios } from '@chatstream/mocks';
import {
  accumulateMessage,
  type BlockProgress,
  type ChatMessage,
  type ChatMessageStatus,
  type ContentBlock,
  ConnectionError,
  HTTPError,
  IncompleteStreamError,
  type MessageSnapshot,
  type MessageStreamEvent,
  StreamEventError,
  type StreamStats,
  type ToolCallState,
} from '@chatstream/reader';

const KNOWN_EVENTS = new Set<string>([
  'message_start',
  'message_delta',
  'message_stop',
  'content_block_start',
  'content_block_delta',
  'content_block_stop',
  'ping',
  'error',
]);

/**
 * The snapshot a reader holds after the scenario's events up to the first one after which `until`
 * holds (all of them when it never does). Folding the catalogue's events through the real reducer
 * keeps every fixture exactly what a live stream shows at that moment.
 */
export function replay(
  scenario: MockScenario,
  until: (snapshot: MessageSnapshot) => boolean = () => false,
): MessageSnapshot {
  let snapshot: MessageSnapshot | undefined;
  for (const event of scenario.events) {
    // Unknown (future) event types are dropped before the reducer, as the reader's decoder does.
    if (!KNOWN_EVENTS.has(event.type)) continue;
    snapshot = accumulateMessage(snapshot, event as MessageStreamEvent);
    if (snapshot && until(snapshot)) break;
  }
  if (!snapshot) throw new Error(`scenario ${scenario.name} has no message_start`);
  return snapshot;
}

/** Text received so far in a snapshot (all text blocks joined). */
export function textOf(snapshot: MessageSnapshot): string {
  return snapshot.message.content.map((block) => (block.type === 'text' ? block.text : '')).join('');
}

/** Extra UI state of {@link assistantMessage}. */
export interface AssistantExtras {
  status?: ChatMessageStatus;
  toolCalls?: Record<string, ToolCallState>;
  error?: ChatMessage['error'];
  stats?: StreamStats;
}

/**
 * An assistant `ChatMessage` as the session shows it: the snapshot's API message and block progress,
 * `streaming` until `message_stop` unless told otherwise. Blocks of a message that stopped streaming
 * (aborted, failed) are settled, as the session settles them.
 */
export function assistantMessage(
  id: string,
  snapshot: MessageSnapshot,
  extras: AssistantExtras = {},
): ChatMessage {
  const status = extras.status ?? (snapshot.complete ? 'complete' : 'streaming');
  const blocks: readonly BlockProgress[] =
    status === 'streaming'
      ? snapshot.blocks
      : snapshot.blocks.map((progress) => ({ ...progress, streaming: false }));
  return {
    id,
    role: 'assistant',
    content: snapshot.message.content,
    blocks,
    status,
    stopReason: snapshot.message.stop_reason,
    message: snapshot.message,
    ...(extras.toolCalls ? { toolCalls: extras.toolCalls } : {}),
    ...(extras.error ? { error: extras.error } : {}),
    ...(extras.stats ? { stats: extras.stats } : {}),
  };
}

/** A user turn with one text block. */
export function userMessage(id: string, text: string): ChatMessage {
  return { id, role: 'user', content: [{ type: 'text', text }] };
}

/** A user turn that answers a tool call (what the session sends back after a client tool ran). */
export function toolResultMessage(
  id: string,
  toolUseId: string,
  result: unknown,
  isError = false,
): ChatMessage {
  return {
    id,
    role: 'user',
    content: [
      {
        type: 'tool_result',
        tool_use_id: toolUseId,
        content: JSON.stringify(result),
        ...(isError ? { is_error: true } : {}),
      },
    ],
  };
}

/** Stream figures as `StreamStats` reports them. */
export function streamStats(outputTokens: number, options: Partial<StreamStats> = {}): StreamStats {
  const maxTokens = options.maxTokens;
  return {
    elapsedMs: 2400,
    timeToFirstByteMs: 310,
    timeToFirstTokenMs: 640,
    bytes: outputTokens * 60,
    outputTokens,
    outputTokensExact: true,
    tokensPerSecond: 48,
    maxTokens,
    progress: maxTokens ? Math.min(1, outputTokens / maxTokens) : undefined,
    ...options,
  };
}

/** The id of the first `tool_use` block of a snapshot. */
export function firstToolUseId(snapshot: MessageSnapshot): string {
  const block = snapshot.message.content.find((item) => item.type === 'tool_use');
  if (!block) throw new Error('no tool_use block');
  return block['id'] as string;
}

const { longAnswer, thinking, webSearch, refusal, maxTokens, maxTokensInToolInput } = scenarios;

const longAnswerText = longAnswer.expectedText;
const toolDone = replay(scenarios.toolUse);
const weatherId = firstToolUseId(toolDone);
/** What the weather tool returns in stories. */
export const weatherResult = { temperature: 18, unit: 'celsius', conditions: 'Partly cloudy' };

/** A reply to the weather tool result, served after `scenarios.toolUse` in live stories. */
export const weatherAnswerText = 'It is 18 °C and partly cloudy in Paris right now, a good day for a walk.';

/** What the overloaded answer still needed, served when the user retries after the error. */
export const continuationText = ' affordable, and ideas spread across Europe faster than ever before.';

const midStreamPartial = replay(scenarios.overloadedMidStream);

/** An Arabic question and answer, for the right-to-left stories. */
export const rtl = {
  question: 'لماذا يهم البث في واجهات المحادثة؟',
  suggestions: ['لماذا يهم البث في واجهات المحادثة؟', 'اكتب قصيدة قصيرة عن البحر'],
  answer:
    'البث يجعل الإجابة تظهر أثناء كتابتها، فلا ينتظر المستخدم أمام مؤشر تحميل. تصل الكلمات الأولى بسرعة، ويستمر النص بإيقاع ثابت، ويمكن الإيقاف في أي لحظة دون فقدان ما وصل.',
  placeholder: 'اكتب رسالة…',
  label: 'الرسالة',
} as const;

/** The drop-in's texts in French, for the "In French" story (keys left out stay English). */
export const french: Labels = {
  'Message Claude…': 'Écrivez à Claude…',
  Message: 'Message',
  Send: 'Envoyer',
  Stop: 'Arrêter',
  Stopped: 'Arrêté',
  'Cut off': 'Coupé',
  Regenerate: 'Régénérer',
  Continue: 'Continuer',
  Retry: 'Réessayer',
  Conversation: 'Discussion',
  'Jump to latest': 'Aller à la fin',
  You: 'Vous',
  'How can I help you today?': 'Comment puis-je vous aider aujourd’hui ?',
  Suggestions: 'Suggestions',
  'Claude is thinking…': 'Claude réfléchit…',
  '{0} needs your approval': '{0} attend votre accord',
  'Tool call: {0}': 'Appel d’outil : {0}',
  'Tool result: {0}': 'Résultat d’outil : {0}',
  Input: 'Entrée',
  Result: 'Résultat',
  Approve: 'Accepter',
  Deny: 'Refuser',
  'Preparing input…': 'Préparation…',
  'Awaiting approval': 'En attente d’accord',
  'Running…': 'En cours…',
  Done: 'Terminé',
  'First token': 'Premier jeton',
  'tokens/s': 'jetons/s',
  tokens: 'jetons',
  'Output tokens used of max_tokens': 'Jetons de sortie utilisés sur max_tokens',
  'Thought for 1 second': 'A réfléchi 1 seconde',
  'Thought for {0} seconds': 'A réfléchi {0} secondes',
};

/** Scenarios the live stories serve beside the catalogue's (built with the mocks' `scenario()` builder). */
export const storyScenarios = {
  /** The answer after the weather tool's result. */
  weatherAnswer: buildScenario('weatherAnswer').text(weatherAnswerText).stop('end_turn'),
  /** The rest of the overloaded answer, for Retry. */
  continuation: buildScenario('continuation').text(continuationText).stop('end_turn'),
  /** An answer in Arabic. */
  rtlAnswer: buildScenario('rtlAnswer').text(rtl.answer).stop('end_turn'),
};

/** Message fixtures, one per state the parts show; each is built from the mocks catalogue. */
export const fixtures = {
  question: userMessage('u-question', 'Why does streaming matter for chat interfaces?'),
  weatherQuestion: userMessage('u-weather', 'What is the weather in Paris?'),
  mathQuestion: userMessage('u-math', 'What is 17 × 23?'),
  searchQuestion: userMessage('u-search', 'What has the James Webb telescope found lately?'),
  printingQuestion: userMessage('u-printing', 'Tell me about the printing press.'),

  /** An answer half-way through streaming (markdown, cursor at the end). */
  streaming: assistantMessage(
    'a-streaming',
    replay(longAnswer, (snapshot) => textOf(snapshot).length >= longAnswerText.length * 0.45),
  ),
  /** The same answer, complete. */
  complete: assistantMessage('a-complete', replay(longAnswer), {
    stats: streamStats(212, { maxTokens: 1024 }),
  }),
  /** Text, then a tool call whose input JSON is still arriving. */
  toolInputStreaming: assistantMessage(
    'a-tool-streaming',
    replay(scenarios.toolUse, (snapshot) => (snapshot.blocks[1]?.inputJson?.length ?? 0) >= 24),
  ),
  /** A client tool call that waits for the user to approve it. */
  awaitingApproval: assistantMessage('a-tool-approval', toolDone, {
    toolCalls: { [weatherId]: { status: 'awaiting-approval' } },
  }),
  /** A client tool that has no `execute` and waits for the app to send a result. */
  awaitingResult: assistantMessage('a-tool-result', toolDone, {
    toolCalls: { [weatherId]: { status: 'awaiting-result' } },
  }),
  /** A client tool running. */
  toolRunning: assistantMessage('a-tool-running', toolDone, {
    toolCalls: { [weatherId]: { status: 'running' } },
  }),
  /** A client tool that ran, with its result. */
  toolDone: assistantMessage('a-tool-done', toolDone, {
    toolCalls: { [weatherId]: { status: 'done', result: weatherResult } },
  }),
  /** A client tool that threw. */
  toolError: assistantMessage('a-tool-error', toolDone, {
    toolCalls: { [weatherId]: { status: 'error', result: 'Weather service unavailable (HTTP 503)' } },
  }),
  /** A client tool call the user denied. */
  toolDenied: assistantMessage('a-tool-denied', toolDone, {
    toolCalls: { [weatherId]: { status: 'denied', result: 'The user denied this tool call.' } },
  }),
  /** A client tool call the user stopped while it ran. */
  toolStopped: assistantMessage('a-tool-stopped', toolDone, {
    toolCalls: { [weatherId]: { status: 'stopped', result: 'Tool call aborted' } },
  }),
  /** The tool result turn the session sends after the weather tool ran. */
  weatherResult: toolResultMessage('u-tool-result', weatherId, weatherResult),
  /** The answer after the tool result. */
  weatherAnswer: assistantMessage('a-weather-answer', replay(storyScenarios.weatherAnswer)),
  /** Extended thinking still streaming (the disclosure is open). */
  thinkingStreaming: assistantMessage(
    'a-thinking-streaming',
    replay(thinking, (snapshot) => {
      const block = snapshot.message.content[0];
      return block?.type === 'thinking' && String(block['thinking']).length >= 60;
    }),
  ),
  /** Thinking done, answer complete (the disclosure is closed). */
  thinkingDone: assistantMessage('a-thinking-done', replay(thinking)),
  /** Thinking, redacted thinking, then text. */
  redactedThinking: assistantMessage('a-redacted', replay(scenarios.redactedThinking)),
  /** A server web search still running (query sent, no results yet). */
  webSearchRunning: assistantMessage(
    'a-search-running',
    replay(
      webSearch,
      (snapshot) => snapshot.message.content[1] !== undefined && snapshot.blocks[1]?.streaming === false,
    ),
  ),
  /** Web search results, then an answer whose text cites them. */
  webSearch: assistantMessage('a-search', replay(webSearch)),
  /** An answer that failed mid-stream (overloaded); its partial text is kept. */
  errorMidStream: assistantMessage('a-error', midStreamPartial, {
    status: 'error',
    error: new StreamEventError('overloaded_error', 'Overloaded', {
      partial: midStreamPartial,
      requestId: 'req_011CSHoEeqs5C35K2UUqR7Fy',
    }),
  }),
  /** An answer the user stopped half-way; the partial stays. */
  aborted: assistantMessage(
    'a-aborted',
    replay(longAnswer, (snapshot) => textOf(snapshot).length >= longAnswerText.length * 0.3),
    { status: 'aborted' },
  ),
  /** The model started, then refused (`stop_reason: 'refusal'`). */
  refusal: assistantMessage('a-refusal', replay(refusal)),
  /** `max_tokens` cut the answer mid-sentence. */
  maxTokens: assistantMessage('a-max-tokens', replay(maxTokens), {
    stats: streamStats(24, { maxTokens: 24, tokensPerSecond: 52 }),
  }),
  /** `max_tokens` cut inside a tool call's input. */
  maxTokensInToolInput: assistantMessage('a-max-tokens-tool', replay(maxTokensInToolInput)),
  /** A tool search among deferred tools: the tools found, then a call of one of them. */
  toolSearch: assistantMessage('a-tool-search', replay(scenarios.toolSearch)),
  /** Block and event types the API may add later (an unknown block is drawn by the fallback). */
  futureBlock: assistantMessage('a-future', replay(scenarios.futureEvents)),
  /** CJK, emoji, Arabic and Hebrew, then a tool call with non-Latin input. */
  unicode: assistantMessage('a-unicode', replay(scenarios.unicode)),
  /** An Arabic exchange (right to left). */
  rtlQuestion: userMessage('u-rtl', rtl.question),
  rtlAnswer: assistantMessage('a-rtl', replay(storyScenarios.rtlAnswer)),
} satisfies Record<string, ChatMessage>;

/** The errors the error notice explains, one per failure family. */
export const errors = {
  overloadedMidStream: fixtures.errorMidStream.error,
  rateLimited: new HTTPError('Number of request tokens has exceeded your per-minute rate limit', {
    status: 429,
    errorType: 'rate_limit_error',
    requestId: 'req_011CSHoEeqs5C35K2UUqR7Fy',
    retryAfterMs: 20_000,
  }),
  connectionLost: new ConnectionError('The connection closed after 1600 bytes'),
  promptTooLong: new HTTPError('HTTP 400: prompt is too long: 215000 tokens > 200000 maximum', {
    status: 400,
    errorType: 'invalid_request_error',
    requestId: 'req_011CSHoF3kq9wYpR2mVtx8Lb',
  }),
  incomplete: new IncompleteStreamError('The stream ended without message_stop'),
};

/** A conversation long enough to scroll: several turns over every kind of answer. */
export const longConversation: ChatMessage[] = [
  fixtures.question,
  { ...fixtures.complete, id: 'a-long-1' },
  fixtures.weatherQuestion,
  { ...fixtures.toolDone, id: 'a-long-2' },
  fixtures.weatherResult,
  fixtures.weatherAnswer,
  fixtures.mathQuestion,
  { ...fixtures.thinkingDone, id: 'a-long-3' },
  fixtures.searchQuestion,
  { ...fixtures.webSearch, id: 'a-long-4' },
  userMessage('u-long-5', 'And explain it once more, in detail please.'),
  { ...fixtures.complete, id: 'a-long-5' },
  userMessage('u-long-6', 'One more time, for the people at the back.'),
  { ...fixtures.complete, id: 'a-long-6' },
];

/** What {@link blockProps} returns: the renderer props that come from the message. */
export interface BlockStoryProps<Block extends ContentBlock> {
  block: Block;
  index: number;
  message: ChatMessage;
  progress: BlockProgress | undefined;
  toolCall: ToolCallState | undefined;
  toolUse: ContentBlock | undefined;
}

/**
 * The props `MessageContent` gives the renderer of block `index` of `message` (the block, its
 * progress, the client tool state of a `tool_use`, the `tool_use` a result answers), for stories of
 * one block renderer.
 */
export function blockProps<Block extends ContentBlock = ContentBlock>(
  message: ChatMessage,
  index: number,
  previous?: ChatMessage,
): BlockStoryProps<Block> {
  const block = message.content[index];
  if (!block) throw new Error(`message ${message.id} has no block ${index}`);
  const answers = block['tool_use_id'];
  const toolUse =
    typeof answers === 'string'
      ? [message, previous].flatMap((item) => item?.content ?? []).find((item) => item['id'] === answers)
      : undefined;
  return {
    // The story picks the renderer, so it knows the block's type.
    block: block as Block,
    index,
    message,
    progress: message.blocks?.[index],
    toolCall: block.type === 'tool_use' ? message.toolCalls?.[block['id'] as string] : undefined,
    toolUse,
  };
}
