/** The data of the event that ends a plain-text protocol stream. */
export const TEXT_DONE = '[DONE]';

/** The bytes of the end event, `data: [DONE]` and a blank line. */
export const TEXT_DONE_EVENT: Uint8Array = new TextEncoder().encode(`data: ${TEXT_DONE}\n\n`);
