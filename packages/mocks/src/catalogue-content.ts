import { scenario } from './builder.ts';
import { type ServerToolScenarioName, serverToolScenarios } from './catalogue-server-tools.ts';
import type { MockScenario } from './scenario-types.ts';

/** Names of the catalogue's well-formed scenarios (the SDK's `finalMessage()` resolves for each). */
export type ContentScenarioName =
  | 'basic'
  | 'longAnswer'
  | 'math'
  | 'toolUse'
  | 'multiTool'
  | 'thinking'
  | 'redactedThinking'
  | 'webSearch'
  | 'refusal'
  | 'maxTokens'
  | 'maxTokensInToolInput'
  | 'pauseTurn'
  | 'stopSequence'
  | 'unicode'
  | 'futureEvents'
  | 'pings'
  | ServerToolScenarioName;

const LONG_ANSWER = `## Why streaming matters

Streaming lets a chat interface show the answer **as it is written**, instead of leaving people staring at a spinner. Three things make it feel right:

1. The first words arrive quickly (time to first token).
2. Text keeps flowing at a steady pace, without jumps.
3. Stopping is instant, and nothing half-written is lost.

\`\`\`ts
for await (const text of stream.textStream) {
  output.append(text);
}
\`\`\`

A good reader also survives the unhappy paths: dropped connections, overloaded servers, and responses that end in the middle of a tool call. Each of those deserves a clear message rather than a frozen screen.`;

const MATH_ANSWER = String.raw`For a right triangle with legs $a$ and $b$, the hypotenuse $c$ satisfies \(a^2 + b^2 = c^2\).

The Basel problem has a famous answer:

$$
\sum_{n=1}^{\infty} \frac{1}{n^2} = \frac{\pi^2}{6}
$$

and the Gaussian integral another:

\[
\int_{-\infty}^{\infty} e^{-x^2}\,dx = \sqrt{\pi}
\]

Prices stay prose: the book costs $5 and the set $12.`;

const CUT_TEXT =
  'The Industrial Revolution began in Britain in the late eighteenth century, driven by coal, iron and a wave of new machines that changed how goods were made';

/** Well-formed responses, one per feature of the stream. */
export const contentScenarios: Readonly<Record<ContentScenarioName, MockScenario>> = {
  basic: scenario('basic', { description: 'A short greeting, streamed word by word.' })
    .text("Hello! I'm Claude. How can I help you today?")
    .stop('end_turn'),

  longAnswer: scenario('longAnswer', {
    description: 'Several paragraphs of Markdown in random-sized deltas.',
  })
    .text(LONG_ANSWER, { chunking: { min: 1, max: 14 } })
    .stop('end_turn'),

  math: scenario('math', {
    description: 'Formulas in LaTeX, inline and on their own lines, beside prices in dollars.',
  })
    .text(MATH_ANSWER, { chunking: { min: 1, max: 6 } })
    .stop('end_turn'),

  toolUse: scenario('toolUse', {
    description: 'Text, then a tool call whose JSON arrives one character at a time.',
  })
    .text("I'll look up the current weather in Paris for you.")
    .toolUse('get_weather', { location: 'Paris, France', unit: 'celsius' }, { fragments: 1 })
    .stop('tool_use'),

  multiTool: scenario('multiTool', { description: 'Three tool calls in one turn, nested input.' })
    .text("I'll check both cities at once.")
    .toolUse('get_weather', { location: 'Paris, France', unit: 'celsius' }, { fragments: { min: 1, max: 6 } })
    .toolUse('get_time', { timezone: 'Asia/Tokyo' }, { fragments: 4 })
    .toolUse(
      'get_forecast',
      {
        location: 'Tokyo, Japan',
        days: 3,
        options: { hourly: true, fields: ['temp', 'wind', 'rain'], threshold: -2.5 },
      },
      { fragments: { min: 2, max: 9 } },
    )
    .stop('tool_use'),

  thinking: scenario('thinking', { description: 'Extended thinking with a signature, then the answer.' })
    .thinking(
      'The user asks for 17 × 23. 17 × 20 = 340 and 17 × 3 = 51, so the product is 340 + 51 = 391. Double-check: 23 × 17 = 230 + 161 = 391.',
    )
    .text('17 × 23 = **391**.')
    .stop('end_turn'),

  redactedThinking: scenario('redactedThinking', {
    description: 'Thinking, a redacted_thinking block, then text.',
  })
    .thinking('Let me consider what is being asked here.')
    .redactedThinking(
      'EmwKAhgBEgy3va3pzix/LafPsn4aDFIT2Xlxh0L5L8rLVyIwxtE3rAFBa8cr3qpPkNRj2YfWXGmKDxH4mPnZ5sQ7vB8URj2pPmN3kqn1NtOlD4uMlQ==',
    )
    .text('Here is what I can share.')
    .stop('end_turn'),

  webSearch: scenario('webSearch', {
    description: 'A server web search with its complete result, usage updated twice, text with citations.',
    inputTokens: 512,
  })
    .text("I'll search for the latest on this.")
    .serverToolUse('web_search', { query: 'James Webb telescope latest discovery' }, { fragments: 'words' })
    .pause(1500)
    .webSearchResult([
      {
        title: 'Webb spots a distant galaxy',
        url: 'https://example.com/webb-galaxy',
        pageAge: 'March 3, 2025',
      },
      { title: 'New exoplanet atmosphere', url: 'https://example.com/webb-exoplanet', pageAge: null },
    ])
    .text('According to recent reports, Webb has observed one of the most distant galaxies known.', {
      citations: [
        {
          type: 'web_search_result_location',
          cited_text: 'Webb has observed one of the most distant galaxies known to date…',
          url: 'https://example.com/webb-galaxy',
          title: 'Webb spots a distant galaxy',
          encrypted_index: 'EpMBCioIAhgBIiQ4ODk4YTFkYy0yMTNkLTQ2ZjktYWE2Yy1jMGYzYjE2YjVkZjQ=',
        },
      ],
      citationsAfter: 2,
    })
    // The API keeps the space between sentences in the blocks it cuts the text into.
    .text(' It also analysed the atmosphere of a new exoplanet.', {
      citations: [
        {
          type: 'web_search_result_location',
          cited_text: 'the atmosphere of a newly found exoplanet',
          url: 'https://example.com/webb-exoplanet',
          title: 'New exoplanet atmosphere',
          encrypted_index: 'Eo8BCioIAhgBIiQyYjM0ZTRmNi1hMWIyLTQ3YzgtOTBkZS1mMTIzNDU2Nzg5YWI=',
        },
      ],
      citationsAfter: 0,
    })
    // Usage-only, then the final message_delta: both after the last block, as the API orders them.
    .usage({ input_tokens: 2680, output_tokens: 40, server_tool_use: { web_search_requests: 1 } })
    .stop('end_turn', { usage: { input_tokens: 2694, server_tool_use: { web_search_requests: 1 } } }),

  refusal: scenario('refusal', {
    description: 'Text starts, then the model refuses (stop_details explains).',
  })
    .text('Sure, here is a step-by-step guide to')
    .stop('refusal', { stopDetails: { type: 'refusal', category: 'cyber', explanation: null } }),

  maxTokens: scenario('maxTokens', {
    description: 'max_tokens cuts the text mid-sentence (no content_block_stop).',
  })
    .text(CUT_TEXT, { cutAt: 97 })
    .stop('max_tokens'),

  maxTokensInToolInput: scenario('maxTokensInToolInput', {
    description: 'max_tokens cuts inside a tool call JSON (no content_block_stop).',
  })
    .text("I'll save your notes.")
    .toolUse(
      'write_file',
      { path: 'notes/today.md', overwrite: true, size: 120, content: '# Notes\n- buy milk\n- call Sam' },
      { fragments: 3, cutAt: 58 },
    )
    .stop('max_tokens'),

  pauseTurn: scenario('pauseTurn', {
    description:
      'A long server tool turn paused (pause_turn); sent back, it goes on with a second search and the answer.',
    continuation: scenario('pauseTurn')
      .serverToolUse('web_search', { query: 'Lagos metropolitan area population estimate' })
      .pause(1500)
      .webSearchResult([
        { title: 'Lagos metropolitan area', url: 'https://example.com/lagos-metro', pageAge: '2025' },
      ])
      .text('Lagos has about 17 million people, and the wider metropolitan area more than 20 million.')
      .stop('end_turn', { usage: { server_tool_use: { web_search_requests: 1 } } }),
  })
    .text('Let me research that.')
    .serverToolUse('web_search', { query: 'population of Lagos 2025' })
    .pause(3000)
    .webSearchResult([{ title: 'Lagos population', url: 'https://example.com/lagos', pageAge: '2025' }])
    .stop('pause_turn', { usage: { server_tool_use: { web_search_requests: 1 } } }),

  stopSequence: scenario('stopSequence', { description: 'Stops on a custom stop sequence.' })
    .text('Q: What is 2 + 2?\nA: 4')
    .stop('stop_sequence', { stopSequence: '\nQ:' }),

  unicode: scenario('unicode', {
    description: 'CJK, emoji (ZWJ, flags, skin tones), RTL and combining marks.',
  })
    .text('你好，世界！こんにちは 👋🏽 👩‍👩‍👧‍👦 🇫🇷 — مرحبا بالعالم · שלום · é (e\u0301) · 𝔘𝔫𝔦𝔠𝔬𝔡𝔢', {
      chunking: 'characters',
    })
    .toolUse('translate', { text: '猫 🐈‍⬛', target: 'ar', note: 'قطة' }, { fragments: 1 })
    .stop('tool_use'),

  futureEvents: scenario('futureEvents', { description: 'Event and block types the API may add later.' })
    .event({ type: 'message_annotation', annotation: { kind: 'experiment', value: 1 } })
    .text('Known content still arrives.')
    .block({ type: 'future_block', note: 'A block type a later API version may send.' })
    .event({ type: 'content_block_progress', index: 1, progress: 0.5 })
    .stop('end_turn'),

  pings: scenario('pings', { description: 'ping events between blocks.' })
    .ping()
    .text('Pings may arrive anywhere.')
    .ping()
    .ping()
    .text('Clients ignore them.')
    .ping()
    .stop('end_turn'),

  ...serverToolScenarios,
};
