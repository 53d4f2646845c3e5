import {
  forwardRef,
  type HTMLAttributes,
  type ReactNode,
  useRef,
  useState,
  type ForwardRefExoticComponent,
  type RefAttributes,
  type TouchEvent,
} from 'react';
import { Icon } from './icons.tsx';
import { useLabels } from './labels.tsx';
import { useBrowserLayoutEffect } from './use-layout-effect.ts';

/** No `followKey` yet: any key, `undefined` too, is a new one. */
const NOT_YET = Symbol();

/** How long after the wheel turned a move back is taken for the wheel's. */
const WHEEL_MS = 1000;

/** Props of {@link MessageList}. */
export interface MessageListProps extends HTMLAttributes<HTMLDivElement> {
  /** A response is on its way: sets `aria-busy` on the transcript so screen readers wait for it. */
  busy?: boolean | undefined;
  /** Accessible name of the transcript (default "Conversation"). */
  label?: string | undefined;
  /** Text of the button that scrolls back to the newest message (default "Jump to latest"). */
  jumpLabel?: string | undefined;
  /**
   * Politeness of the transcript's own live region (default `polite`, as `role="log"` implies). Use
   * `off` when an `Announcer` reads the answers, so nothing is read twice.
   */
  live?: 'polite' | 'off' | undefined;
  /**
   * Whenever it changes, the list goes back to its end and follows it again, even when the user had
   * scrolled up (`ChatStream` changes it each time the person sends a message).
   */
  followKey?: unknown;
  /** How close to the end (px) still counts as "at the end" (default 48). */
  threshold?: number | undefined;
  /** The rows. */
  children?: ReactNode | undefined;
}

/**
 * The transcript: a scrolling `role="log"` that sticks to the newest content while it streams, stops
 * following as soon as the user scrolls up, and offers a "Jump to latest" button until they are back
 * at the end. `data-state` is `following` or `detached`.
 *
 * @example
 * <MessageList busy={status === 'streaming'}>{messages.map((m) => <Row key={m.id} message={m} />)}</MessageList>
 */
export const MessageList: ForwardRefExoticComponent<MessageListProps & RefAttributes<HTMLDivElement>> =
  /* @__PURE__ */ forwardRef<HTMLDivElement, MessageListProps>(function MessageList(
    { busy = false, live = 'polite', label, jumpLabel, threshold = 48, followKey, children, ...rest },
    ref,
  ) {
    const t = useLabels();
    const viewport = useRef<HTMLDivElement>(null);
    const content = useRef<HTMLDivElement>(null);
    const [following, setFollowing] = useState(true);
    // What the scroll handlers read at once, without waiting for a render. `ours`: a scroll event of
    // our own is on its way. `followed`: the followKey the list last went back to the end for.
    const state = useRef<{
      following: boolean;
      top: number;
      ours?: boolean;
      threshold?: number;
      followed: unknown;
      /** Fingers on the transcript. */
      touches?: number;
      /** When the wheel last turned over it (`performance.now()`). */
      wheelAt?: number;
      /** Let go by a finger or a wheel: only the very end follows again, not `threshold` from it. */
      letGo?: boolean;
    }>({ following: true, top: 0, followed: NOT_YET }).current;
    // The resize observer outlives this render: it reads the threshold of the latest one.
    state.threshold = threshold;

    const follow = (value: boolean): void => {
      state.following = value;
      if (value) state.letGo = false;
      setFollowing(value);
    };

    // Where the user is: a move towards the start detaches (growth and our own scrolling only ever
    // move down, and content that shrinks leaves us at the end); the end follows again.
    const check = (element: HTMLElement): void => {
      const top = element.scrollTop;
      // A finger or the wheel moving the transcript back lets go of the end at once: a slow drag moves
      // less between two tokens than `threshold`, and the next token would pull it back down.
      // (Content that shrinks moves it back too, but leaves it at the end.)
      const gesture = !!state.touches || performance.now() - (state.wheelAt ?? -Infinity) < WHEEL_MS;
      const distance = element.scrollHeight - top - element.clientHeight;
      if (gesture && top < state.top && distance > 1 && state.following) {
        state.letGo = true;
        follow(false);
      } else if (distance <= (state.letGo ? 1 : state.threshold!)) {
        if (!state.following) follow(true);
      } else if (top < state.top && state.following) follow(false);
      state.top = top;
    };

    // Content grows without scroll events (tokens, images, a block opening): keep the end in view
    // while following, before the browser paints. A new `followKey` follows again from the end; the
    // same one set up again (a chat shown again by React's <Activity>, StrictMode's second run) leaves
    // the user where they were.
    useBrowserLayoutEffect(() => {
      const element = viewport.current!;
      const stick = (): void => {
        // Layout is fresh here, so reading is cheap: it finds a user's scroll whose event was ours too.
        check(element);
        // A finger on the transcript has it: scrolling under it would take the page from them.
        if (!state.following || state.touches) return;
        element.scrollTop = element.scrollHeight;
        const top = element.scrollTop;
        state.ours = top !== state.top;
        state.top = top;
      };
      // From wherever the user is now: a scroll of theirs whose event was skipped is no move away.
      state.top = element.scrollTop;
      if (state.followed !== followKey) follow(true);
      state.followed = followKey;
      stick();
      if (typeof ResizeObserver === 'undefined') return;
      const observer = new ResizeObserver(stick);
      observer.observe(content.current!);
      observer.observe(element);
      return () => observer.disconnect();
    }, [followKey]);

    // Our own scroll is not read: while an answer streams that is one per frame, and reading where the
    // list is forced the browser to restyle the new content in the middle of the frame.
    const onScroll = (): void => {
      if (state.ours) state.ours = false;
      else check(viewport.current!);
    };

    // Counted by the touch's own target, which hears its end even when removed meanwhile (a typing
    // indicator giving way to the answer): the list would otherwise never follow again.
    const onTouchStart = ({ target }: TouchEvent<HTMLDivElement>): void => {
      state.touches = (state.touches ?? 0) + 1;
      const end = (): void => {
        state.touches = Math.max(0, (state.touches ?? 1) - 1);
        target.removeEventListener('touchend', end);
        target.removeEventListener('touchcancel', end);
      };
      target.addEventListener('touchend', end);
      target.addEventListener('touchcancel', end);
    };
    const onWheel = (): void => {
      state.wheelAt = performance.now();
    };

    const jump = (): void => {
      const element = viewport.current!;
      follow(true);
      const smooth = !globalThis.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
      element.scrollTo({ top: element.scrollHeight, behavior: smooth ? 'smooth' : 'auto' });
      // The button disappears; keep keyboard focus in the transcript rather than losing it to <body>.
      element.focus({ preventScroll: true });
    };

    return (
      <div ref={ref} data-slot="message-list" data-state={following ? 'following' : 'detached'} {...rest}>
        <div
          ref={viewport}
          role="log"
          aria-label={label ?? t('Conversation')}
          aria-busy={busy}
          aria-live={live}
          // A scrollable region must be reachable by keyboard.
          tabIndex={0}
          data-slot="message-list-viewport"
          onScroll={onScroll}
          onTouchStart={onTouchStart}
          onWheel={onWheel}
        >
          <div ref={content} data-slot="message-list-content">
            {children}
          </div>
        </div>
        {following ? null : (
          <button type="button" data-slot="jump-to-latest" onClick={jump}>
            <Icon name="down" />
            {jumpLabel ?? t('Jump to latest')}
          </button>
        )}
      </div>
    );
  });
