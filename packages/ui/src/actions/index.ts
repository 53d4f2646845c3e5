'use client';
export { CopyButton } from './copy-button.tsx';
export type { CopyButtonProps } from './copy-button.tsx';
export { copyText } from '../copy-text.ts';
export { MessageEditForm } from './message-edit-form.tsx';
export type { MessageEditFormProps } from './message-edit-form.tsx';
export { messageText } from './message-text.ts';
export { MessageWithActions } from './message-with-actions.tsx';
