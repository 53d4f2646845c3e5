import { type MouseEvent, type ReactNode, useRef, useState } from 'react';
import type { ToolUseBlock as ToolUseContentBlock } from '@chatstream/reader';
import { useLabels } from '../labels.tsx';
import { characterCount, counted } from './counted.ts';
import { formatValue, isEmptyObject } from './format-value.ts';
import { rootProps, type BlockPartProps } from './part-props.ts';
import { toolStateLabels, toolUseState } from './tool-state.ts';
import { useBrowserLayoutEffect } from '../use-layout-effect.ts';

/** Results longer than this, in characters, show their first {@link SHOWN_OF_LONG_RESULT}. */
const LONG_RESULT = 10_000;
const SHOWN_OF_LONG_RESULT = 2000;

/** The start of a long result, not cutting a character written with two UTF-16 units in half. */
function startOf(text: string): string {
  const end = /[\uD800-\uDBFF]/.test(text[SHOWN_OF_LONG_RESULT - 1] ?? '')
    ? SHOWN_OF_LONG_RESULT - 1
    : SHOWN_OF_LONG_RESULT;
  return text.slice(0, end);
}

/** Props of {@link ToolUseBlock}. */
export type ToolUseBlockProps = BlockPartProps<ToolUseContentBlock> & {
  /** Shown at the end of the card, e.g. the images of a result (`@chatstream/ui/attachments` does). */
  children?: ReactNode | undefined;
};

/**
 * A tool call (`tool_use`): the tool name, its input pretty-printed live while the
 * JSON streams, its state (`data-state`: `input-streaming`, `input-incomplete`, `awaiting-approval`
 * with Approve / Deny buttons when `onApprove` is given, `awaiting-result`, `running`, `done`,
 * `error`, `denied`, `stopped` by the person, or `called` without session state) and the result the
 * session sent back (over 10,000 characters, its first 2,000 and a button that shows it all).
 *
 * @example
 * <ToolUseBlock block={block} index={1} message={message} progress={message.blocks?.[1]}
 *   toolCall={message.toolCalls?.[block.id]} onApprove={(id, ok) => chat.approveToolCall(id, ok)} />
 */
export function ToolUseBlock(props: ToolUseBlockProps): ReactNode {
  const { block, message, progress, toolCall, onApprove } = props;
  const t = useLabels();
  const state = toolUseState(progress, toolCall, message);
  const asking = state === 'awaiting-approval';
  // The input as shown: pretty JSON of the best reading so far, nothing for the `{}` placeholder.
  // Whole while it asks for approval: a path cut after 1,000 characters could hide what is approved.
  const input =
    isEmptyObject(block.input) && !progress?.inputJson?.trim() ? '' : formatValue(block.input, t, asking);
  const failed = state === 'error' || state === 'denied';
  // A long result (a file read by an agent) shows its start until asked for whole: a transcript of
  // a hundred 200 KB results took the browser 15 s to lay out.
  const result = toolCall?.result === undefined ? '' : formatValue(toolCall.result, t);
  const [whole, setWhole] = useState(false);
  const cut = !whole && result.length > LONG_RESULT;
  // A long input streaming into its scrolling box stays in view at its end, unless the reader
  // scrolled up in it.
  const box = useRef<HTMLPreElement>(null);
  const pinned = useRef(true);
  const streaming = state === 'input-streaming';
  useBrowserLayoutEffect(() => {
    if (streaming && pinned.current && box.current) box.current.scrollTop = box.current.scrollHeight;
  }, [input, streaming]);
  // Asked to approve, the person reads the input from its start (the command, the path), not from
  // where the streaming box had followed its end to.
  useBrowserLayoutEffect(() => {
    if (asking && box.current) box.current.scrollTop = 0;
  }, [asking]);
  // A keyboard user's focus stays on the call when its buttons go away, not back at the page's top.
  const decide = (approved: boolean) => (event: MouseEvent<HTMLButtonElement>) => {
    event.currentTarget.closest<HTMLElement>('[data-slot="tool-use-block"]')?.focus();
    onApprove?.(block.id, approved);
  };
  return (
    <div
      data-slot="tool-use-block"
      data-state={state}
      data-tool={block.name}
      role="group"
      aria-label={t('Tool call: {0}', block.name)}
      tabIndex={-1}
      {...rootProps(props)}
    >
      <div data-slot="tool-use-header">
        <span data-slot="tool-use-name">{block.name}</span>
        <span data-slot="tool-use-status">{t(toolStateLabels[state])}</span>
      </div>
      {input === '' ? null : (
        <pre
          ref={box}
          onScroll={({ currentTarget: { scrollHeight, clientHeight, scrollTop } }) => {
            pinned.current = scrollHeight - clientHeight - scrollTop < 24;
          }}
          data-slot="tool-use-input"
          data-state={streaming ? 'streaming' : 'complete'}
          // Scrolls when long: reachable by keyboard, and named for the screen reader landing on it.
          tabIndex={0}
          role="group"
          aria-label={t('Input')}
        >
          {input}
        </pre>
      )}
      {asking && onApprove ? (
        <div data-slot="tool-use-actions">
          <button type="button" data-slot="tool-use-approve" onClick={decide(true)}>
            {t('Approve')}
          </button>
          <button type="button" data-slot="tool-use-deny" onClick={decide(false)}>
            {t('Deny')}
          </button>
        </div>
      ) : null}
      {toolCall?.result !== undefined && state !== 'stopped' ? (
        <div data-slot="tool-use-result" data-state={failed ? 'error' : 'done'}>
          <span data-slot="tool-use-result-label">{t(failed ? 'Error' : 'Result')}</span>
          <pre tabIndex={0} role="group" aria-label={t(failed ? 'Error' : 'Result')}>
            {cut ? `${startOf(result)}…` : result}
          </pre>
          {cut ? (
            <button
              type="button"
              data-slot="tool-use-show-all"
              onClick={(event) => {
                // The button goes: the focus goes to what it showed, not back to the page's top.
                (event.currentTarget.previousElementSibling as HTMLElement | null)?.focus();
                setWhole(true);
              }}
            >
              {counted(t, 'Show all {0} characters', characterCount(result))}
            </button>
          ) : null}
        </div>
      ) : null}
      {props.children}
    </div>
  );
}
