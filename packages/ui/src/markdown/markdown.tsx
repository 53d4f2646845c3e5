import { memo, useMemo, useRef, type ComponentPropsWithoutRef, type ReactNode } from 'react';
import type { Links, Token } from 'marked';
import { useLabels } from '@chatstream/ui';
import { GROUP_SIZE, lexMarkdown, type MarkdownLexState } from './lex-incremental.ts';
import type {
  AllowImage,
  Highlight,
  MarkdownComponents,
  MarkdownRenderContext,
  RenderMath,
} from './markdown-context.ts';
import { MarkdownBlock } from './render-block.tsx';

/** Props of {@link Markdown}. */
export interface MarkdownProps extends Omit<ComponentPropsWithoutRef<'div'>, 'children'> {
  /** The markdown source; while streaming, each update usually extends the previous one. */
  text: string;
  /** True while `text` is still growing: the last block is rendered leniently (no raw markers). */
  streaming?: boolean | undefined;
  /** Syntax highlighting for fenced code. */
  highlight?: Highlight | undefined;
  /** Element replacements. Keep the object stable (a constant or memoised): it is a memo key. */
  components?: MarkdownComponents | undefined;
  /**
   * Which images load (default: the page's own only; others become links). Images load without a
   * click, so one from elsewhere can carry what the model read to whoever serves it. Keep it stable.
   */
  allowImage?: AllowImage | undefined;
  /**
   * Typesets formulas (e.g. with KaTeX); giving it turns on the math syntax (`$$ … $$`, `\[ … \]`,
   * `$ … $`, `\( … \)`). Without it, dollars are prose. Keep it stable.
   */
  renderMath?: RenderMath | undefined;
}

interface GroupProps {
  tokens: readonly Token[];
  tail: readonly Token[];
  open: boolean;
  /** The message's first group, or its last: the styles trim its first block's or last block's margin. */
  isFirst: boolean;
  isLast?: boolean;
  links: Links;
  context: MarkdownRenderContext;
}

function GroupImpl({ tokens, tail, open, isFirst, isLast, links, context }: GroupProps): ReactNode {
  const last = tokens.length + tail.length - 1;
  const blocks = tail.length === 0 ? tokens : [...tokens, ...tail];
  // An element per group keeps every parent's child count small: a long message's blocks as direct
  // children made layout (Chromium) and child removal (jsdom) cost O(blocks) per update. Margins
  // collapse through it, so it does not change how the blocks are spaced.
  return (
    // Marked here rather than found with `> :first-child > :first-child`: Chromium restyled the
    // whole page for that selector whenever any element stopped being a last child.
    <div data-slot="markdown-group" data-first={isFirst || undefined} data-last={isLast || undefined}>
      {blocks.map((token, index) => (
        <MarkdownBlock
          key={index}
          token={token}
          context={context}
          open={open && index === last}
          links={links}
        />
      ))}
    </div>
  );
}

// A full group never changes, so the transcript re-renders one group per update, not every block.
const Group = /* @__PURE__ */ memo(GroupImpl);

const NO_TOKENS: readonly Token[] = [];

interface SectionProps {
  groups: readonly (readonly Token[])[];
  first: boolean;
  links: Links;
  context: MarkdownRenderContext;
}

function SectionImpl({ groups, first, links, context }: SectionProps): ReactNode {
  return groups.map((group, index) => (
    <Group
      key={index}
      tokens={group}
      tail={NO_TOKENS}
      open={false}
      isFirst={first && index === 0}
      links={links}
      context={context}
    />
  ));
}

// GROUP_SIZE full groups at a time, so a long message re-renders a handful of sections per update.
const Section = /* @__PURE__ */ memo(SectionImpl);

/**
 * Streaming-safe markdown on marked's lexer, rendered to React elements (never HTML strings): raw
 * HTML shows as text, unsafe link and image URLs are neutralised, links open in a new tab with
 * `rel="noopener noreferrer"`. While `streaming`, completed blocks are kept and memoised and only
 * the last block is lexed again, so the cost of an update does not grow with the text; unclosed
 * fences render as open code blocks and unclosed emphasis or code does not flash its markers.
 * What it writes itself (Copy buttons, link titles, task boxes' names) comes from the app's labels
 * (`LabelsProvider` or `<ChatStream labels>`), English without them.
 *
 * @example
 * <Markdown text={text} streaming={status === 'streaming'} highlight={(code, lang) => highlighter(code, lang)} />
 */
export function Markdown({
  text,
  streaming = false,
  highlight,
  components,
  allowImage,
  renderMath,
  className,
  ...props
}: MarkdownProps): ReactNode {
  const t = useLabels();
  const stateRef = useRef<MarkdownLexState | undefined>(undefined);
  const math = renderMath !== undefined;
  const state = useMemo(() => lexMarkdown(stateRef.current, text, math), [text, math]);
  // A cache of the previous lex, not render output: any earlier state for a prefix gives the same result.
  stateRef.current = state;
  const context = useMemo<MarkdownRenderContext>(
    () => ({ components, highlight, allowImage, renderMath, t, epoch: state.epoch }),
    [components, highlight, allowImage, renderMath, t, state.epoch],
  );
  const { groups, pending, tail, links } = state;
  // Full sections keep their identity (keyed by their first group), so memo bails out on them.
  const sections = useRef(new WeakMap<readonly Token[], readonly (readonly Token[])[]>()).current;
  const full = groups.length - (groups.length % GROUP_SIZE);
  const children: ReactNode[] = [];
  for (let start = 0; start < full; start += GROUP_SIZE) {
    const first = groups[start] as readonly Token[];
    let section = sections.get(first);
    if (section === undefined) {
      section = groups.slice(start, start + GROUP_SIZE);
      sections.set(first, section);
    }
    children.push(
      <Section key={`s${start}`} groups={section} first={start === 0} links={links} context={context} />,
    );
  }
  for (let index = full; index < groups.length; index++) {
    children.push(
      <Group
        key={index}
        tokens={groups[index] as readonly Token[]}
        tail={NO_TOKENS}
        open={false}
        isFirst={index === 0}
        links={links}
        context={context}
      />,
    );
  }
  return (
    <div
      data-slot="markdown"
      data-state={streaming ? 'streaming' : 'complete'}
      className={className}
      {...props}
    >
      {children}
      <Group
        key={groups.length}
        tokens={pending}
        tail={tail}
        open={streaming}
        isFirst={groups.length === 0}
        isLast
        links={links}
        context={context}
      />
    </div>
  );
}
