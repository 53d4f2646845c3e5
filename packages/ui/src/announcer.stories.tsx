import { createMockResponse, scenarios } from '@chatstream/mocks';
import { readMessageStream } from '@chatstream/reader';
import { useEffect, useState, type ReactNode } from 'react';
import { expect } from 'storybook/test';
import preview from '../../../.storybook/preview.tsx';
import { Announcer } from './announcer.tsx';
import { liveTiming, streamTimeout } from './stories/live.ts';

// The region is visually hidden in an app; the story shows it so you can watch what would be read.
const shown = {
  position: 'static',
  inlineSize: 'auto',
  blockSize: 'auto',
  clip: 'auto',
  clipPath: 'none',
} as const;

/** Streams `scenarios.longAnswer` through the reader into the announcer, as `ChatStream` does. */
function StreamingAnnouncer(): ReactNode {
  const [text, setText] = useState('');
  const [streaming, setStreaming] = useState(true);
  useEffect(() => {
    const stream = readMessageStream(createMockResponse(scenarios.longAnswer, { timing: liveTiming() }));
    stream.on('text', (_delta, snapshot) => setText(snapshot));
    // Unmounting aborts the stream, which rejects finalText(); only the end matters here.
    void stream.finalText().then(
      () => setStreaming(false),
      () => setStreaming(false),
    );
    return () => stream.abort();
  }, []);
  return <Announcer text={text} streaming={streaming} messageId="msg_story" style={shown} />;
}

const meta = preview.meta({ component: Announcer, title: 'Parts/Announcer' });

/**
 * Completed sentences of a streaming answer, one by one (never every token); the last three are kept.
 * The heading is read without its `##`, and the code block is announced as what it is, not read out.
 */
export const AnnouncesSentences = meta.story({
  render: () => <StreamingAnnouncer />,
  play: async ({ canvas }) => {
    await expect(
      await canvas.findByText('Why streaming matters', {}, { timeout: streamTimeout }),
    ).toBeInTheDocument();
    await expect(
      await canvas.findByText('Code block in ts, 3 lines.', {}, { timeout: streamTimeout }),
    ).toBeInTheDocument();
  },
});

/** An error is read out in words. */
export const AnnouncesError = meta.story({
  args: { text: '', streaming: false, error: 'Claude is overloaded right now', style: shown },
  play: async ({ canvas }) => {
    await expect(await canvas.findByText('Claude is overloaded right now')).toBeInTheDocument();
  },
});
