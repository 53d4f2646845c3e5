// A browser app as a user writes it against the published packages: every browser entry point,
// type-checked with `types: []` and bundled by Vite.
import { createMockResponse, scenarios, type MockScenario } from '@chatstream/mocks';
import { setupChatWorker, type ChatWorker } from '@chatstream/mocks/browser';
import { createChatHandlers } from '@chatstream/mocks/msw';
import { useStreamingChat, type UseStreamingChatResult } from '@chatstream/react';
import { useStreamingQuery } from '@chatstream/react/query';
import {
  readMessageStream,
  type ChatMessage,
  type ChatSessionStatus,
  type Message as ApiMessage,
} from '@chatstream/reader';
import {
  ChatStream,
  Message,
  MessageContent,
  MessageList,
  describeError,
  type ErrorDescription,
} from '@chatstream/ui';
import { MessageWithActions } from '@chatstream/ui/actions';
import { AttachmentComposer, attachmentRenderers } from '@chatstream/ui/attachments';
import { markdownRenderText } from '@chatstream/ui/markdown';
import { smoothRenderText } from '@chatstream/ui/smooth';
import { ReadAloud } from '@chatstream/ui/speech';
// oxlint-disable-next-line import/no-unassigned-import -- the parts' stylesheet, as the ui README says
import '@chatstream/ui/styles.css';
// oxlint-disable-next-line import/no-unassigned-import -- colours for highlighted code, as the ui README says
import '@chatstream/ui/code-colors.css';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';

function Transcript(): ReactNode {
  const chat: UseStreamingChatResult = useStreamingChat({ api: '/api/chat', maxTokens: 1024 });
  const status: ChatSessionStatus = chat.status;
  const messages: readonly ChatMessage[] = chat.messages;
  const problem: ErrorDescription | undefined = chat.error ? describeError(chat.error) : undefined;
  return (
    <section>
      <MessageList busy={status === 'streaming'}>
        {messages.map((message) => (
          <Message key={message.id} role={message.role} status={message.status}>
            <MessageContent message={message} renderText={markdownRenderText} />
          </Message>
        ))}
      </MessageList>
      {problem ? <p role="alert">{problem.title}</p> : null}
      <button type="button" onClick={() => void chat.send('Hello')}>
        Send
      </button>
    </section>
  );
}

function Haiku(): ReactNode {
  const query = useStreamingQuery({
    queryKey: ['haiku', 'rivers'],
    request: { url: '/api/chat', body: { messages: [{ role: 'user', content: 'A haiku about rivers' }] } },
  });
  const text: string | undefined = query.data?.text;
  return <p aria-busy={query.isFetching}>{text}</p>;
}

const smoothMarkdown = smoothRenderText(markdownRenderText);

const scenario: MockScenario = scenarios.basic;
const message: ApiMessage = await readMessageStream(
  createMockResponse(scenario, { timing: 'instant' }),
).finalMessage();
const handlerCount: number = createChatHandlers({ timing: 'instant' }).handlers.length;

const chat: ChatWorker = setupChatWorker({ scenario: 'webSearch' });
await chat.worker.start({ onUnhandledRequest: 'bypass' });

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <QueryClientProvider client={new QueryClient()}>
        <ChatStream
          api="/api/chat"
          renderText={smoothMarkdown}
          renderers={attachmentRenderers}
          components={{ Composer: AttachmentComposer, Message: MessageWithActions, Announcer: ReadAloud }}
          persist="consumer"
          suggestions={[`${message.content.length} blocks, ${handlerCount} handlers`]}
          showStats
        />
        <Transcript />
        <Haiku />
      </QueryClientProvider>
    </StrictMode>,
  );
}
