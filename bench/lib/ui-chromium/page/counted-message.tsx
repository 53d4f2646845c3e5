import { type ForwardRefExoticComponent, forwardRef, type RefAttributes } from 'react';
import { Message, type MessageProps } from '../../../../packages/ui/src/index.ts';
import { countRowRender } from './meter.ts';

/**
 * `@chatstream/ui`'s `Message`, counting each render of the row it belongs to (by its
 * `data-message-id`) into the active run. Both apps render their rows through it.
 */
export const CountedMessage: ForwardRefExoticComponent<MessageProps & RefAttributes<HTMLElement>> =
  forwardRef<HTMLElement, MessageProps>(function CountedMessage(props, ref) {
    countRowRender((props as unknown as Record<string, unknown>)['data-message-id'] as string | undefined);
    return <Message ref={ref} {...props} />;
  });
