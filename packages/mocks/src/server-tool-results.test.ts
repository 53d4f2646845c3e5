import type * as Sdk from '@anthropic-ai/sdk/resources/messages/messages';
import { describe, expect, it } from 'vitest';
import { scenario } from './builder.ts';
import { defineScenario } from './define-scenario.ts';
import type { MockScenario, StreamEvent } from './scenario-types.ts';
import { DEFAULT_RETRIEVED_AT } from './server-tool-results.ts';

// The mocks send no `caller` (the API's newer field for who ran the tool); everything else is as typed.
type WebFetchResult = Omit<Sdk.WebFetchToolResultBlock, 'caller'>;
type WebSearchResult = Omit<Sdk.WebSearchToolResultBlock, 'caller'>;

const usageOf = (built: MockScenario): unknown => built.expectedMessage.usage.server_tool_use;

const starts = (events: readonly StreamEvent[]): unknown[] =>
  (events as readonly { type: string; content_block?: unknown }[])
    .filter((event) => event.type === 'content_block_start')
    .map((event) => event.content_block);

describe('server tool result steps', () => {
  it('webFetchResult answers the web_fetch call with the page as a text document', () => {
    const built = scenario('fetch')
      .serverToolUse('web_fetch', { url: 'https://example.org/a' })
      .webFetchResult({ url: 'https://example.org/a', title: 'A page', text: 'Hello.' })
      .stop();
    const id = built.expectedMessage.content[0]?.['id'] as string;
    const expected = {
      type: 'web_fetch_tool_result',
      tool_use_id: id,
      content: {
        type: 'web_fetch_result',
        url: 'https://example.org/a',
        retrieved_at: DEFAULT_RETRIEVED_AT,
        content: {
          type: 'document',
          source: { type: 'text', media_type: 'text/plain', data: 'Hello.' },
          title: 'A page',
          citations: { enabled: true },
        },
      },
    } satisfies WebFetchResult;
    expect(id).toMatch(/^srvtoolu_01/u);
    expect(built.expectedMessage.content[1]).toEqual(expected);
    // A result arrives complete: its content_block_start, then its content_block_stop.
    expect(starts(built.events)[1]).toEqual(expected);
    expect(
      built.events.filter((event) => event.type === 'content_block_delta' && event['index'] === 1),
    ).toEqual([]);
  });

  it('webFetchResult carries a base64 PDF, its retrieval time and citations setting as given', () => {
    const built = scenario('pdf')
      .serverToolUse('web_fetch', { url: 'https://example.org/r.pdf' })
      .webFetchResult({
        url: 'https://example.org/r.pdf',
        pdf: 'JVBERi0xLjQK',
        retrievedAt: null,
        citations: false,
      })
      .stop();
    expect(built.expectedMessage.content[1]?.['content']).toEqual({
      type: 'web_fetch_result',
      url: 'https://example.org/r.pdf',
      retrieved_at: null,
      content: {
        type: 'document',
        source: { type: 'base64', media_type: 'application/pdf', data: 'JVBERi0xLjQK' },
        title: null,
        citations: { enabled: false },
      },
    } satisfies Sdk.WebFetchBlock);
  });

  it('bashResult answers the latest bash call with what it printed, its exit code and files', () => {
    const built = scenario('bash')
      .serverToolUse('bash_code_execution', { command: 'ls' }, { id: 'srvtoolu_bash' })
      .bashResult({ stderr: 'ls: no such file', returnCode: 2, fileIds: ['file_1'] })
      .stop();
    expect(built.expectedMessage.content[1]).toEqual({
      type: 'bash_code_execution_tool_result',
      tool_use_id: 'srvtoolu_bash',
      content: {
        type: 'bash_code_execution_result',
        stdout: '',
        stderr: 'ls: no such file',
        return_code: 2,
        content: [{ type: 'bash_code_execution_output', file_id: 'file_1' }],
      },
    } satisfies Omit<Sdk.BashCodeExecutionToolResultBlock, 'caller'>);
    expect(() => scenario('x').serverToolUse('web_search', { query: 'q' }).bashResult({})).toThrow(
      /bashResult\(\) needs a serverToolUse\('bash_code_execution', …\) before it: the latest server tool call is 'web_search'/u,
    );
  });

  it('webSearchError and webFetchError answer their calls with the error code', () => {
    const built = scenario('errors')
      .serverToolUse('web_search', { query: 'q' }, { id: 'srvtoolu_search' })
      .webSearchError('max_uses_exceeded')
      .serverToolUse('web_fetch', { url: 'https://a.example' }, { id: 'srvtoolu_fetch' })
      .webFetchError('unsupported_content_type')
      .text('Neither worked.')
      .stop();
    expect(built.expectedMessage.content.slice(1, 4)).toEqual([
      {
        type: 'web_search_tool_result',
        tool_use_id: 'srvtoolu_search',
        content: { type: 'web_search_tool_result_error', error_code: 'max_uses_exceeded' },
      } satisfies WebSearchResult,
      {
        type: 'server_tool_use',
        id: 'srvtoolu_fetch',
        name: 'web_fetch',
        input: { url: 'https://a.example' },
      },
      {
        type: 'web_fetch_tool_result',
        tool_use_id: 'srvtoolu_fetch',
        content: { type: 'web_fetch_tool_result_error', error_code: 'unsupported_content_type' },
      } satisfies WebFetchResult,
    ]);
  });

  it('webSearchResult keeps a hit’s encrypted_content, and generates the others as before', () => {
    const hits = [
      { title: 'A', url: 'https://a.example' },
      { title: 'B', url: 'https://b.example', pageAge: '2025' },
    ];
    const plain = scenario('hits').serverToolUse('web_search', { query: 'q' }).webSearchResult(hits).stop();
    const given = scenario('hits')
      .serverToolUse('web_search', { query: 'q' })
      .webSearchResult([{ ...hits[0]!, encryptedContent: 'EqgfCioIARgB' }, hits[1]!])
      .stop();
    const [first, second] = plain.expectedMessage.content[1]!['content'] as Sdk.WebSearchResultBlock[];
    expect(first?.encrypted_content).toMatch(/^enc_01\w{22}$/u);
    expect(given.expectedMessage.content[1]?.['content']).toEqual([
      { ...first!, encrypted_content: 'EqgfCioIARgB' },
      second!,
    ] satisfies Sdk.WebSearchResultBlock[]);
  });

  it('pairs each result with the latest call, and refuses one the API could not send', () => {
    const search = scenario('x').serverToolUse('web_search', { query: 'q' });
    const fetch = scenario('x').serverToolUse('web_fetch', { url: 'https://a.example' });
    const refusals = [
      [
        () => scenario('x').webFetchResult({ url: 'u', text: 't' }),
        /webFetchResult\(\) needs a serverToolUse\('web_fetch', …\) before it\./u,
      ],
      [
        () => scenario('x').text('a').webSearchError('unavailable'),
        /webSearchError\(\) needs a serverToolUse\('web_search'/u,
      ],
      [() => search.webFetchError('url_too_long'), /the latest server tool call is 'web_search'/u],
      [() => fetch.webSearchResult([]), /the latest server tool call is 'web_fetch'/u],
      [
        () => search.webSearchResult([]).webSearchError('too_many_requests'),
        /\(srvtoolu_01\w+\) has its result already/u,
      ],
      [
        () => fetch.webFetchError('unavailable').webFetchResult({ url: 'u', text: 't' }),
        /has its result already/u,
      ],
    ] as const;
    for (const [call, message] of refusals) {
      expect(call).toThrow(TypeError);
      expect(call).toThrow(message);
    }
    // A second call gets its own result.
    const twice = search
      .webSearchResult([])
      .serverToolUse('web_search', { query: 'r' })
      .webSearchError('query_too_long')
      .stop();
    const [, first, , second] = twice.expectedMessage.content;
    expect(first?.['tool_use_id']).toBe(twice.expectedMessage.content[0]?.['id']);
    expect(second?.['tool_use_id']).toBe(twice.expectedMessage.content[2]?.['id']);
  });

  it.each([
    [
      'an error code that is not a string',
      () =>
        scenario('x')
          .serverToolUse('web_search', {})
          .webSearchError(404 as never),
      /webSearchError\(\) errorCode must be an error code string such as 'max_uses_exceeded', got 404/u,
    ],
    [
      'an empty error code',
      () =>
        scenario('x')
          .serverToolUse('web_fetch', {})
          .webFetchError('' as never),
      /webFetchError\(\) errorCode must be an error code string/u,
    ],
    [
      'a page with neither text nor pdf',
      () => scenario('x').serverToolUse('web_fetch', {}).webFetchResult({ url: 'u' }),
      /webFetchResult\(\) takes the page's text or a base64 pdf: one of the two/u,
    ],
    [
      'a page with both',
      () => scenario('x').serverToolUse('web_fetch', {}).webFetchResult({ url: 'u', text: 't', pdf: 'JVBE' }),
      /one of the two/u,
    ],
    [
      'a page without a url',
      () =>
        scenario('x')
          .serverToolUse('web_fetch', {})
          .webFetchResult({ text: 't' } as never),
      /webFetchResult\(\) url must be a string, got undefined/u,
    ],
    [
      'a text that is not a string',
      () =>
        scenario('x')
          .serverToolUse('web_fetch', {})
          .webFetchResult({ url: 'u', text: 5 as never }),
      /webFetchResult\(\) text must be a string, got number/u,
    ],
    [
      'no page at all',
      () =>
        scenario('x')
          .serverToolUse('web_fetch', {})
          .webFetchResult(null as never),
      /webFetchResult\(\) takes the fetched page, got null/u,
    ],
    [
      'hits that are not an array',
      () =>
        scenario('x')
          .serverToolUse('web_search', {})
          .webSearchResult('hits' as never),
      /webSearchResult\(\) takes an array of hits, got string/u,
    ],
    [
      'a hit without a url',
      () =>
        scenario('x')
          .serverToolUse('web_search', {})
          .webSearchResult([{ title: 'T' } as never]),
      /webSearchResult\(\) hit 0: url must be a string, got undefined/u,
    ],
  ])('throws a TypeError for %s', (_name, call, message) => {
    expect(call).toThrow(TypeError);
    expect(call).toThrow(message);
  });
});

describe('usage.server_tool_use', () => {
  it('counts the web searches and fetches that returned results in the final message_delta', () => {
    const built = scenario('counted')
      .serverToolUse('web_search', { query: 'a' })
      .webSearchResult([{ title: 'A', url: 'https://a.example' }])
      .serverToolUse('web_search', { query: 'b' })
      .webSearchResult([])
      .serverToolUse('web_fetch', { url: 'https://a.example' })
      .webFetchResult({ url: 'https://a.example', text: 'A.' })
      .text('Done.')
      .stop();
    const counted = { web_search_requests: 2, web_fetch_requests: 1 };
    expect(usageOf(built)).toEqual(counted);
    expect(built.events.at(-2)).toMatchObject({ type: 'message_delta', usage: { server_tool_use: counted } });
  });

  it('leaves out calls answered with an error and calls with no result in this response', () => {
    const failed = scenario('failed')
      .serverToolUse('web_search', { query: 'a' })
      .webSearchError('max_uses_exceeded')
      .serverToolUse('web_fetch', { url: 'https://a.example' })
      .webFetchError('url_not_accessible')
      .serverToolUse('web_search', { query: 'b' })
      .stop('pause_turn');
    expect(usageOf(failed)).toEqual({ web_search_requests: 0, web_fetch_requests: 0 });
  });

  it('counts results written as blocks too, and defineScenario counts as the builder does', () => {
    const described = defineScenario({
      name: 'data',
      steps: [
        { type: 'server_tool_use', name: 'web_fetch', input: { url: 'https://a.example' }, id: 'srvtoolu_1' },
        {
          type: 'block',
          block: {
            type: 'web_fetch_tool_result',
            tool_use_id: 'srvtoolu_1',
            content: { type: 'web_fetch_result', url: 'https://a.example', retrieved_at: null, content: {} },
          },
        },
        { type: 'stop', reason: 'end_turn' },
      ],
    });
    expect(usageOf(described)).toEqual({ web_search_requests: 0, web_fetch_requests: 1 });
  });

  it('keeps what the stop step sets, and adds nothing to an answer without web tools', () => {
    const given = { web_search_requests: 3, web_fetch_requests: 0 };
    const set = scenario('set')
      .serverToolUse('web_search', { query: 'a' })
      .webSearchResult([])
      .stop('end_turn', { usage: { server_tool_use: given } });
    expect(usageOf(set)).toEqual(given);
    const unset = scenario('unset')
      .serverToolUse('web_search', { query: 'a' })
      .webSearchResult([])
      .stop('end_turn', { usage: { server_tool_use: undefined } });
    expect(usageOf(unset)).toEqual({ web_search_requests: 1, web_fetch_requests: 0 });
    const plain = scenario('plain').text('Hi').toolUse('get_weather', {}).stop('tool_use');
    expect(usageOf(plain)).toBeUndefined();
    expect(plain.events.at(-2)).not.toHaveProperty('usage.server_tool_use');
  });
});
