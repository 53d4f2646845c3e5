import { scenario } from './builder.ts';
import { webSearchResultLocation } from './citations.ts';
import type { MockScenario } from './scenario-types.ts';
import type { WebSearchHit } from './server-tool-results.ts';

/** Names of the catalogue's server tool flows (well-formed: the SDK's `finalMessage()` resolves for each). */
export type ServerToolScenarioName = 'research' | 'serverToolErrors' | 'codeExecution' | 'toolSearch';

const REPORT: WebSearchHit = {
  title: 'Solid-state batteries: 2025 progress report',
  url: 'https://example.org/ssb-2025',
  pageAge: 'March 3, 2025',
};
const DELAY: WebSearchHit = {
  title: 'Toyota delays solid-state rollout to 2028',
  url: 'https://news.example.com/toyota-ssb',
  pageAge: null,
};
// A long title and URL: result lists and citation chips have to wrap or truncate them.
const ANODES: WebSearchHit = {
  title:
    'Why lithium metal anodes still fail — a very long headline that a phone screen has to wrap or truncate sensibly',
  url: 'https://journal.example.edu/articles/2025/02/lithium-metal-anode-dendrites-review?utm_source=x',
  pageAge: '2 weeks ago',
};

const REPORT_TEXT =
  'Solid-state batteries replace the liquid electrolyte with a solid one. Pilot lines opened in 2024. Energy density reached 450 Wh/kg in lab cells.';

/** Server tool flows: searching, fetching and citing, and the tools failing. */
export const serverToolScenarios: Readonly<Record<ServerToolScenarioName, MockScenario>> = {
  research: scenario('research', {
    description:
      'Interleaved thinking around a web search and a web fetch, then an answer cut into cited and uncited text blocks.',
    inputTokens: 2100,
  })
    .thinking('The user wants the state of solid-state batteries. I should search for recent reports first.')
    .text("I'll search for recent reports.")
    .serverToolUse('web_search', { query: 'solid-state battery commercialization 2025' })
    .pause(1500)
    .webSearchResult([REPORT, DELAY, ANODES])
    .thinking('The progress report looks most relevant. I will read it in full before answering.')
    .serverToolUse('web_fetch', { url: REPORT.url })
    .pause(1200)
    .webFetchResult({ url: REPORT.url, title: REPORT.title, text: REPORT_TEXT })
    .text('Here is where things stand.\n\n')
    // Claude cuts a cited answer into blocks: each cited claim a block with its citations first,
    // and the words joining the claims ("…, and …") blocks of their own, with no citation.
    .text('Pilot production lines opened in 2024', {
      citations: [
        webSearchResultLocation({ ...REPORT, citedText: 'Pilot lines opened in 2024.' }),
        webSearchResultLocation({ ...DELAY, citedText: 'Toyota said pilot production began in late 2024.' }),
      ],
      citationsAfter: 0,
    })
    .text(', and ')
    .text('lab cells have reached 450 Wh/kg', {
      citations: [
        webSearchResultLocation({ ...REPORT, citedText: 'Energy density reached 450 Wh/kg in lab cells.' }),
      ],
      citationsAfter: 0,
    })
    .text('. ')
    .text('Dendrite growth in lithium-metal anodes remains the main failure mode', {
      citations: [
        webSearchResultLocation({
          ...ANODES,
          citedText: 'Dendrites remain the dominant failure mechanism in lithium metal anodes.',
        }),
      ],
      citationsAfter: 0,
    })
    .text('.')
    // input_tokens grows: the search results and the page were read as input.
    .stop('end_turn', { usage: { input_tokens: 14_230 } }),

  serverToolErrors: scenario('serverToolErrors', {
    description:
      'A web search and a web fetch that both fail with an error code, then a short answer saying so.',
    inputTokens: 2100,
  })
    .serverToolUse('web_search', { query: 'quarterly revenue acme 2025' })
    .pause(800)
    .webSearchError('too_many_requests')
    .serverToolUse('web_fetch', { url: 'https://intranet.acme.example/q3' })
    .pause(800)
    .webFetchError('url_not_accessible')
    .text("Search is rate-limited right now and I couldn't open that page, so I can't confirm the figure.")
    .stop('end_turn'),

  codeExecution: scenario('codeExecution', {
    description:
      'Code execution: a bash command that fails (exit code 2), then one that prints its result and makes a file, then the answer.',
    inputTokens: 1800,
  })
    .text("I'll run the analysis.")
    .serverToolUse('bash_code_execution', { command: 'python plot.py' })
    .pause(800)
    .bashResult({
      stderr: "python: can't open file '/tmp/plot.py': [Errno 2] No such file or directory",
      returnCode: 2,
    })
    .serverToolUse('bash_code_execution', { command: 'python analyse.py --input sales.csv' })
    .pause(1200)
    .bashResult({
      stdout: 'rows: 1204\nmean order: 18.40\nsaved chart.png',
      fileIds: ['file_011CNha8iCJcU1wXNR6q4V8w'],
    })
    .text('The 1,204 orders average **18.40**; the chart is saved as `chart.png`.')
    .stop('end_turn'),

  toolSearch: scenario('toolSearch', {
    description:
      'Tool search: Claude looks up the weather tools among tools sent with defer_loading, then calls one.',
    inputTokens: 900,
  })
    .serverToolUse('tool_search_tool_regex', { query: 'weather' })
    .pause(600)
    .toolSearchResult(['get_weather', 'get_forecast'])
    .text("I found the weather tools. I'll check Paris.")
    .toolUse('get_weather', { location: 'Paris, France', unit: 'celsius' })
    .stop('tool_use'),
};
