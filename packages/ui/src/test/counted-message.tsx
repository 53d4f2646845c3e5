import { type ComponentType, Profiler, type ReactNode } from 'react';
import type { MessageProps } from '../message.tsx';

/**
 * `Part` (a `Message` part) wrapped in a Profiler that counts, by message id, every render of it and
 * of what it holds, hook-driven ones included: how a test sees which rows a stream re-renders.
 */
export function countedMessage(
  Part: ComponentType<MessageProps>,
  renders: Map<string, number>,
): (props: MessageProps) => ReactNode {
  return function CountedMessage(props) {
    const id = String((props as unknown as Record<string, unknown>)['data-message-id']);
    return (
      <Profiler id={id} onRender={() => renders.set(id, (renders.get(id) ?? 0) + 1)}>
        <Part {...props} />
      </Profiler>
    );
  };
}
