// @vitest-environment node
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';

describe('server rendering', () => {
  it('imports without a window and renders every hook with renderToString', async () => {
    expect(typeof (globalThis as { window?: unknown }).window).toBe('undefined');
    const { ChatSessionProvider, useChatSelector, useMessageStream, useStreamingChat } =
      await import('./index.ts');
    function App(): React.ReactNode {
      const { messages, status } = useStreamingChat({ api: '/api/chat' });
      const single = useMessageStream();
      const count = useChatSelector((state) => state.messages.length);
      return createElement(
        'p',
        null,
        `${status} ${messages.length} ${single.status} ${single.text.length} ${count}`,
      );
    }
    const html = renderToString(createElement(ChatSessionProvider, null, createElement(App)));
    expect(html).toBe('<p>ready 0 idle 0 0</p>');
  });
});
