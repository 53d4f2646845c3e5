import type { ReactNode } from 'react';
import { drawsCitationMarks, withCitationMarks } from '@chatstream/ui';
import { checkRevealPace, type RevealPace } from './reveal-pace.ts';
import { type RenderRevealedText, SmoothText } from './smooth-text.tsx';

/**
 * A `renderText` for `<ChatStream>`, `TextBlock` or `MessageContent` that reveals answers at an even
 * pace while they stream, drawn by `render` (default: plain lines). A pace out of range throws a
 * `RangeError` (see {@link checkRevealPace}). Create it once (module scope or
 * `useMemo`), so settled messages keep their memoised rows.
 *
 * @example
 * import { markdownRenderText } from '@chatstream/ui/markdown';
 * import { smoothRenderText } from '@chatstream/ui/smooth';
 *
 * const renderText = smoothRenderText(markdownRenderText);
 * <ChatStream api="/api/chat" renderText={renderText} />
 */
export function smoothRenderText(
  render?: RenderRevealedText,
  pace: RevealPace = {},
): (text: string, streaming: boolean) => ReactNode {
  checkRevealPace(pace, 'smoothRenderText');
  const { lagMs, minCharsPerSecond } = pace;
  const renderText = (text: string, streaming: boolean): ReactNode => (
    <SmoothText
      text={text}
      streaming={streaming}
      render={render}
      lagMs={lagMs}
      minCharsPerSecond={minCharsPerSecond}
    />
  );
  // Marks are text like the rest: revealed with it, and drawn by `render` if it draws them.
  return drawsCitationMarks(render) ? withCitationMarks(renderText) : renderText;
}
