import { type } from 'arktype';
import { describe, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import {
  type AttachmentError,
  type AttachmentErrorReason,
  type ChatSessionErrorCode,
  isChatStreamError,
  type TimeoutPhase,
  type ChatMessage,
  type ChatSession,
  type AnyChatStreamError,
  type ChatStreamError,
  type ChatTool,
  type Citation,
  type ContentBlock,
  createChatSession,
  defineTool,
  reconnectOnReturn,
  createPartialJSONParser,
  type DocumentBlock,
  type ExportedVersions,
  fileToContentBlock,
  isBlock,
  isToolBlock,
  type HTTPError,
  type ImageBlock,
  type Message,
  type MessageSnapshot,
  type MessageVersion,
  type MessageVersions,
  type MessageStream,
  readMessageStream,
  segmentText,
  streamMessage,
  type StreamStats,
  type TextBlock,
  type ToolUseBlock,
  type UserContentBlock,
} from './index.ts';

declare const stream: MessageStream;
declare const session: ChatSession;

describe('MessageStream', () => {
  it('types each listener by its event name', () => {
    stream.on('text', (delta, text) => {
      expectTypeOf(delta).toEqualTypeOf<string>();
      expectTypeOf(text).toEqualTypeOf<string>();
    });
    stream.on('inputJson', (fragment, input) => {
      expectTypeOf(fragment).toEqualTypeOf<string>();
      expectTypeOf(input).toEqualTypeOf<unknown>();
    });
    stream.on('citation', (citation, all) => {
      expectTypeOf(citation).toEqualTypeOf<Citation>();
      expectTypeOf(all).toEqualTypeOf<Citation[]>();
    });
    stream.on('error', (error) => expectTypeOf(error).toEqualTypeOf<AnyChatStreamError>());
    stream.on('message', (message) => expectTypeOf(message).toEqualTypeOf<Message>());
    // @ts-expect-error: no such event
    stream.on('textDelta', () => undefined);
    // @ts-expect-error: a text listener gets strings
    stream.on('text', (delta: number) => delta);
  });

  it('gives the final message, its text, the snapshot and stats their types', () => {
    expectTypeOf(stream.finalMessage()).toEqualTypeOf<Promise<Message>>();
    expectTypeOf(stream.finalText()).toEqualTypeOf<Promise<string>>();
    expectTypeOf(stream.snapshot).toEqualTypeOf<MessageSnapshot | undefined>();
    expectTypeOf(stream.stats).toEqualTypeOf<StreamStats>();
    expectTypeOf(stream.textStream).toEqualTypeOf<AsyncIterable<string>>();
    expectTypeOf(segmentText(stream.textStream, 'sentence')).toExtend<AsyncIterable<string>>();
  });

  it('is what streamMessage and readMessageStream return', () => {
    expectTypeOf(streamMessage).returns.toEqualTypeOf<MessageStream>();
    expectTypeOf(readMessageStream).returns.toEqualTypeOf<MessageStream>();
  });
});

describe('errors', () => {
  it('tells failures apart by kind, with the fields of their class', () => {
    expectTypeOf<ChatStreamError['kind']>().toEqualTypeOf<
      | 'http'
      | 'stream-event'
      | 'connection'
      | 'incomplete'
      | 'timeout'
      | 'protocol'
      | 'buffer-limit'
      | 'abort'
      | 'session'
      | 'attachment'
    >();
    expectTypeOf<HTTPError['status']>().toEqualTypeOf<number>();
    expectTypeOf<HTTPError['retryAfterMs']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<ChatStreamError['partial']>().toEqualTypeOf<MessageSnapshot | undefined>();
    expectTypeOf<AttachmentError>().toExtend<ChatStreamError>();
  });

  it('narrows what the reader hands out by kind, without a cast', () => {
    const failure = session.getSnapshot().error;
    if (failure?.kind === 'http') expectTypeOf(failure.status).toEqualTypeOf<number>();
    if (failure?.kind === 'session') expectTypeOf(failure.code).toEqualTypeOf<ChatSessionErrorCode>();
    if (failure?.kind === 'timeout') expectTypeOf(failure.phase).toEqualTypeOf<TimeoutPhase>();
    const caught: unknown = failure;
    if (isChatStreamError(caught) && caught.kind === 'stream-event') {
      expectTypeOf(caught.errorType).toEqualTypeOf<string>();
    }
    stream.on('error', (error) => {
      if (error.kind === 'attachment') expectTypeOf(error.reason).toEqualTypeOf<AttachmentErrorReason>();
    });
    expectTypeOf<ChatMessage['error']>().toEqualTypeOf<AnyChatStreamError | undefined>();
  });
});

describe('partial JSON', () => {
  it('reads unknown values: the model sends what it sends', () => {
    const parser = createPartialJSONParser();
    expectTypeOf(parser.value).toEqualTypeOf<unknown>();
    expectTypeOf(parser.end()).toEqualTypeOf<unknown>();
    expectTypeOf<Parameters<typeof parser.push>[0]>().toEqualTypeOf<string>();
  });
});

describe('ChatSession', () => {
  it('takes tools whose execute annotates its input, in a plain record', () => {
    const tools = {
      get_weather: {
        inputSchema: { type: 'object' },
        execute: ({ city }: { city: string }) => ({ city, temperature: 18 }),
      },
      ask_user: { inputSchema: { type: 'object' }, needsApproval: true },
    };
    createChatSession({ tools });
    const typed: ChatTool<{ city: string }> = tools.get_weather;
    expectTypeOf<Parameters<NonNullable<typeof typed.execute>>[0]>().toEqualTypeOf<{ city: string }>();
    // A tool Anthropic defines: its type (and the other fields of its definition), no schema.
    createChatSession({
      tools: {
        str_replace_based_edit_tool: {
          type: 'text_editor_20250728',
          definition: { max_characters: 10_000 },
          needsApproval: ({ command }: { command: string }) => command !== 'view',
          execute: ({ command }: { command: string }) => command,
        },
      },
    });
  });

  it('types a tool from its zod or ArkType schema with defineTool', () => {
    const weather = defineTool({
      inputSchema: z.object({ city: z.string(), days: z.number().default(1) }),
      needsApproval: (input) => {
        expectTypeOf(input).toEqualTypeOf<{ city: string; days: number }>();
        return false;
      },
      execute: (input) => {
        expectTypeOf(input).toEqualTypeOf<{ city: string; days: number }>();
        return input.city;
      },
    });
    const search = defineTool({
      inputSchema: type({ query: 'string' }),
      execute: (input) => expectTypeOf(input).toEqualTypeOf<{ query: string }>(),
    });
    createChatSession({ tools: { weather, search } });
    // @ts-expect-error the schema has no `town`
    defineTool({ inputSchema: z.object({ city: z.string() }), execute: ({ town }) => town });
    defineTool({
      inputSchema: z.object({ city: z.string() }),
      // @ts-expect-error an annotated input that wants more than the schema gives
      execute: (input: { city: string; country: string }) => input.country,
    });
  });

  it('sends text or user content blocks, attachments among them', () => {
    expectTypeOf<Parameters<ChatSession['send']>[0]>().toEqualTypeOf<string | UserContentBlock[]>();
    expectTypeOf<ImageBlock>().toExtend<UserContentBlock>();
    expectTypeOf<DocumentBlock>().toExtend<UserContentBlock>();
    // @ts-expect-error: not a message
    void session.send(42);
  });

  it('keeps messages in the API shape beside their UI state', () => {
    expectTypeOf(session.getSnapshot().messages).toEqualTypeOf<readonly ChatMessage[]>();
    expectTypeOf<ChatMessage['role']>().toEqualTypeOf<'user' | 'assistant'>();
    expectTypeOf<ChatMessage['content']>().toExtend<readonly ContentBlock[]>();
  });

  it('says which messages have versions, read-only, and shows one by id and index', () => {
    const { versions } = session.getSnapshot();
    expectTypeOf(versions).toEqualTypeOf<MessageVersions>();
    expectTypeOf(versions['some-id']).toEqualTypeOf<MessageVersion | undefined>();
    expectTypeOf<ChatSession['showVersion']>().toEqualTypeOf<(messageId: string, index: number) => void>();
    // @ts-expect-error: the session's record, not the app's to change
    versions['some-id'] = { index: 0, count: 1 };
  });

  it('reconnects to an answer restored mid-stream, by the stream id kept beside it', () => {
    expectTypeOf<ChatSession['reconnect']>().toEqualTypeOf<() => Promise<void>>();
    expectTypeOf<ChatMessage['streamId']>().toEqualTypeOf<string | undefined>();
  });

  it('reads on by itself when the page is back, listening to the page or to given targets', () => {
    expectTypeOf(reconnectOnReturn(session)).toEqualTypeOf<() => void>();
    reconnectOnReturn(session, { window, document });
    reconnectOnReturn({ reconnect: () => Promise.resolve() }, { window: new EventTarget() });
    // @ts-expect-error -- a document must say whether it is visible
    reconnectOnReturn(session, { document: new EventTarget() });
  });

  it('saves its versions as data a new session takes back', () => {
    const saved: ExportedVersions = session.exportVersions();
    createChatSession({ initialMessages: session.getSnapshot().messages, initialVersions: saved });
    expectTypeOf(saved.places[0]!.after).toEqualTypeOf<string | null>();
  });
});

describe('fileToContentBlock', () => {
  it('makes an image or a document block from a File or a Blob', () => {
    expectTypeOf(fileToContentBlock).returns.toEqualTypeOf<Promise<ImageBlock | DocumentBlock>>();
    expectTypeOf<File>().toExtend<Parameters<typeof fileToContentBlock>[0]>();
    expectTypeOf<Blob>().toExtend<Parameters<typeof fileToContentBlock>[0]>();
  });
});

const textOf = (block: ContentBlock) => (isBlock(block, 'text') ? block : undefined);
const serverToolOf = (block: ContentBlock) => (isBlock(block, 'server_tool_use') ? block : undefined);
const anyToolOf = (block: ContentBlock) => (isToolBlock(block) ? block : undefined);

describe('isBlock', () => {
  it('narrows a content block where comparing its type cannot', () => {
    expectTypeOf(textOf).returns.toEqualTypeOf<TextBlock | undefined>();
    expectTypeOf(serverToolOf).returns.toEqualTypeOf<ToolUseBlock | undefined>();
    // @ts-expect-error: a type without an interface of its own has nothing to narrow to
    isBlock({} as ContentBlock, 'web_search_tool_result');
  });

  it("narrows a user message's blocks too: images, documents, tool results", () => {
    type Block = ChatMessage['content'][number];
    expectTypeOf((block: Block) => (isBlock(block, 'image') ? block : undefined)).returns.toExtend<
      ImageBlock | undefined
    >();
    expectTypeOf((block: Block) => (isBlock(block, 'document') ? block : undefined)).returns.toExtend<
      DocumentBlock | undefined
    >();
    expectTypeOf((block: UserContentBlock) =>
      isBlock(block, 'tool_result') ? block.tool_use_id : '',
    ).returns.toEqualTypeOf<string>();
  });

  it('isToolBlock narrows to a tool call of any kind, with its id and name', () => {
    expectTypeOf(anyToolOf).returns.toEqualTypeOf<ToolUseBlock | undefined>();
  });

  it("types the fields of the API's citations, so a web search citation's link needs no cast", () => {
    expectTypeOf<Citation['url']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<Citation['title']>().toEqualTypeOf<string | null | undefined>();
    expectTypeOf<Citation['start_page_number']>().toEqualTypeOf<number | undefined>();
  });
});
