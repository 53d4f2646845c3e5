import type { ChatSession } from '@chatstream/reader';

/** The session's commands, as stable functions that can be passed around and called from anywhere. */
export type ChatActions = Pick<
  ChatSession,
  | 'send'
  | 'stop'
  | 'regenerate'
  | 'edit'
  | 'showVersion'
  | 'retry'
  | 'addToolResult'
  | 'approveToolCall'
  | 'setMessages'
  | 'clear'
>;

/** Binds the commands of `chat` once, so they keep their identity for the session's lifetime. */
export function bindChatActions(chat: ChatSession): ChatActions {
  return {
    send: (input, options) => chat.send(input, options),
    stop: () => chat.stop(),
    regenerate: (messageId) => chat.regenerate(messageId),
    edit: (messageId, content) => chat.edit(messageId, content),
    showVersion: (messageId, index) => chat.showVersion(messageId, index),
    retry: () => chat.retry(),
    addToolResult: (toolUseId, result, options) => chat.addToolResult(toolUseId, result, options),
    approveToolCall: (toolUseId, approved) => chat.approveToolCall(toolUseId, approved),
    setMessages: (messages) => chat.setMessages(messages),
    clear: () => chat.clear(),
  };
}
