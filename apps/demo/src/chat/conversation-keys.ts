/**
 * Where this tab keeps the chat's conversation (`persistChat` / `restoreChat`, in `sessionStorage`):
 * it survives a reload, and each tab has its own.
 */
export const CHAT_KEY = 'chatstream-demo:conversation';

/** Where this tab keeps the conversation of side-by-side column `index`. */
export const compareKey = (index: number): string => `chatstream-demo:compare-${index}`;
