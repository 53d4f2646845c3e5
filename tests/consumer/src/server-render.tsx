// A server render of the published ui in plain Node, as a Next.js or Remix page does before the
// browser hydrates it: no window, no DOM, the markdown, attachments, actions, smooth and speech entries included. Checked
// with the browser's types (no @types/node), as a component file in such an app is.
import type { ChatMessage } from '@chatstream/reader';
import { ChatStream } from '@chatstream/ui';
import { MessageWithActions } from '@chatstream/ui/actions';
import { AttachmentComposer, attachmentRenderers } from '@chatstream/ui/attachments';
import { markdownRenderText } from '@chatstream/ui/markdown';
import { smoothRenderText } from '@chatstream/ui/smooth';
import { createReadAloud } from '@chatstream/ui/speech';
import { renderToString } from 'react-dom/server';

const messages: ChatMessage[] = [
  {
    id: 'u1',
    role: 'user',
    content: [
      { type: 'image', source: { type: 'url', url: 'https://example.com/chart.png' } },
      {
        type: 'document',
        source: { type: 'text', media_type: 'text/plain', data: 'Notes' },
        title: 'notes.md',
      },
      { type: 'text', text: 'What do these say?' },
    ],
  },
  { id: 'a1', role: 'assistant', content: [{ type: 'text', text: '| a | b |\n|-|-|\n| 1 | 2 |' }] },
];

const html = renderToString(
  <ChatStream
    api="/api/chat"
    initialMessages={messages}
    renderText={smoothRenderText(markdownRenderText)}
    renderers={attachmentRenderers}
    components={{
      Composer: AttachmentComposer,
      Message: MessageWithActions,
      Announcer: createReadAloud({ rate: 1.1 }),
    }}
  />,
);
for (const part of [
  'role="log"',
  'data-slot="image-block"',
  'data-slot="document-block"',
  '<table',
  'data-slot="attach-button"',
  'data-slot="copy-button"',
  'data-slot="edit-button"',
]) {
  if (!html.includes(part)) throw new Error(`the server render has no ${part}`);
}
console.log(`rendered <ChatStream> on the server: ${html.length} characters of HTML`);
