import type { ChatMessage, ContentBlock, ToolCallState } from '@chatstream/reader';
import fc from 'fast-check';
import { Component, type ReactNode } from 'react';
import { expect, it, vi } from 'vitest';
import { render } from 'vitest-browser-react';
import { MessageContent } from './message-content.tsx';
import { Message } from './message.tsx';

// The reader guarantees the fields it builds on (string text and thinking, string tool ids and
// names, object tool inputs, object citations) and passes every other field through as the server
// sent it. Whatever those other fields hold, a message must render, never take the page down.

const json = fc.jsonValue({ maxDepth: 2 });
/** Keys a renderer might read, plus ones that collide with `Object.prototype`. */
const key = fc.constantFrom(
  'url',
  'title',
  'cited_text',
  'document_index',
  'document_title',
  'source',
  'content',
  'error_code',
  'is_error',
  'tool_use_id',
  'query',
  'data',
  'signature',
  'server_name',
  'constructor',
  'toString',
  '__proto__',
);
const looseObject = fc.dictionary(fc.oneof(key, fc.string({ maxLength: 6 })), json, { maxKeys: 5 });

const block: fc.Arbitrary<ContentBlock> = fc.oneof(
  fc.record({
    type: fc.constant('text'),
    text: fc.string({ unit: 'binary', maxLength: 40 }),
    citations: fc.option(fc.array(looseObject, { maxLength: 3 }), { nil: undefined }),
  }),
  fc.record({ type: fc.constant('thinking'), thinking: fc.string({ maxLength: 40 }), signature: json }),
  fc.record({
    type: fc.constantFrom('tool_use', 'server_tool_use', 'mcp_tool_use'),
    id: fc.constantFrom('toolu_1', 'toolu_2', 'constructor'),
    name: fc.oneof(fc.constantFrom('web_search', 'get_weather', '__proto__'), fc.string({ maxLength: 8 })),
    input: looseObject,
  }),
  fc
    .tuple(
      fc.constantFrom(
        'tool_result',
        'mcp_tool_result',
        'web_search_tool_result',
        'web_fetch_tool_result',
        'redacted_thinking',
        'constructor',
        'toString',
        'hasOwnProperty',
        'fallback',
      ),
      looseObject,
      fc.option(fc.constantFrom('toolu_1', 'toolu_2', 'constructor'), { nil: undefined }),
    )
    .map(([type, fields, toolUseId]) => ({
      ...fields,
      type,
      tool_use_id: toolUseId ?? fields['tool_use_id'],
    })),
) as fc.Arbitrary<ContentBlock>;

const toolCall: fc.Arbitrary<ToolCallState> = fc.record(
  {
    status: fc.constantFrom(
      'input-streaming',
      'awaiting-approval',
      'running',
      'awaiting-result',
      'done',
      'error',
    ),
    result: json,
  },
  { requiredKeys: ['status'] },
) as fc.Arbitrary<ToolCallState>;

const message: fc.Arbitrary<ChatMessage> = fc
  .record({
    content: fc.array(block, { maxLength: 5 }),
    status: fc.constantFrom('streaming', 'complete', 'aborted', 'error', 'incomplete'),
    streaming: fc.array(fc.boolean(), { maxLength: 5 }),
    toolCalls: fc.option(fc.dictionary(fc.constantFrom('toolu_1', 'toolu_2', 'constructor'), toolCall), {
      nil: undefined,
    }),
  })
  .map(({ content, status, streaming, toolCalls }) => ({
    id: 'a1',
    role: 'assistant',
    content,
    status,
    blocks: content.map((_, index) => ({
      streaming: streaming[index] ?? false,
      inputComplete: !streaming[index],
    })),
    toolCalls,
  }));

/** Catches what a render threw, so the property can report it instead of React tearing down the page. */
class Catch extends Component<
  { onError: (error: unknown) => void; children: ReactNode },
  { failed: boolean }
> {
  override state = { failed: false };
  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }
  override componentDidCatch(error: unknown): void {
    this.props.onError(error);
  }
  override render(): ReactNode {
    return this.state.failed ? null : this.props.children;
  }
}

it('any message the reader can produce renders, whatever its pass-through fields hold', async () => {
  await fc.assert(
    fc.asyncProperty(message, fc.option(message, { nil: undefined }), async (current, previous) => {
      const errors: string[] = [];
      // React reports invalid children (a function, an object) on the console without throwing.
      const logged = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
        errors.push(args.map(String).join(' '));
      });
      const screen = await render(
        <Catch onError={(error) => errors.push(error instanceof Error ? error.message : String(error))}>
          <Message role="assistant" status={current.status}>
            <MessageContent message={current} previous={previous} onApprove={() => undefined} />
          </Message>
        </Catch>,
      );
      const rendered = screen.container.querySelectorAll('[data-slot="message-content"] > *').length;
      await screen.unmount();
      logged.mockRestore();
      // An answer's consecutive text blocks are drawn as one when one of them cites a source.
      const { content } = current;
      const isText = (index: number) => content[index]?.type === 'text';
      const cites = (index: number) => {
        const citations = content[index]?.['citations'];
        return (
          Array.isArray(citations) && citations.some((each) => typeof each === 'object' && each !== null)
        );
      };
      const runCites = (index: number) => {
        let first = index;
        while (isText(first - 1)) first--;
        for (let at = first; isText(at); at++) if (cites(at)) return true;
        return false;
      };
      const drawn = content.filter(
        (_, index) =>
          !(current.role === 'assistant' && isText(index) && isText(index - 1) && runCites(index)),
      ).length;
      expect({ errors, rendered }).toEqual({ errors: [], rendered: drawn });
    }),
    { numRuns: 100 },
  );
});
