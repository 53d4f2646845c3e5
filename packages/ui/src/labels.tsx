import type { ActionLabelKey } from './actions/action-label-keys.ts';
import type { AttachmentLabelKey } from './attachments/attachment-label-keys.ts';
import type { MarkdownLabelKey } from './markdown/markdown-label-keys.ts';
import { type Context, createContext, type ReactNode, useContext, useMemo } from 'react';

/**
 * Every text the parts show or announce, exactly as shown in English: the English text is its own
 * key. `{0}`, `{1}` stand for values (a name, a number). Where English needs two forms of a plural,
 * there are two keys (`'Thought for 1 second'`, `'Thought for {0} seconds'`).
 *
 * @example
 * const key: LabelKey = 'Thought for {0} seconds';
 */
export type LabelKey = ChatLabelKey | MarkdownLabelKey | AttachmentLabelKey | ActionLabelKey;

/** The texts of `@chatstream/ui`'s main entry: its parts and `<ChatStream>` (see {@link LabelKey}). */
export type ChatLabelKey =
  // Composer, buttons, transcript
  | 'Message Claude…'
  | 'Message'
  | 'Send'
  | 'Stop'
  | 'Stopped'
  | 'Cut off'
  | 'Regenerate'
  | 'Continue'
  | 'Retry'
  | 'Conversation'
  | 'Jump to latest'
  | 'You'
  | 'Claude'
  | 'Tool result'
  | 'How can I help you today?'
  | 'Suggestions'
  | 'Claude is thinking…'
  | '{0}. Trying again (attempt {1})…'
  | '{0} needs your approval'
  | '{0} is waiting for a result'
  // Stream stats
  | 'First token'
  | '{0} ms'
  | 'tokens/s'
  | 'tokens'
  | 'Output tokens used of max_tokens'
  // Errors (describeError)
  | 'The partial answer above was kept.'
  | 'Claude stopped after many steps in a row'
  | 'Claude is overloaded right now'
  | 'Too many requests: the rate limit was reached'
  | 'The API had an internal error'
  | 'The server could not authenticate with the API'
  | 'The API key is not allowed to do this'
  | 'The API could not find what was asked for'
  | 'The conversation is too large to send'
  | 'The API rejected the request'
  | 'The API account has a billing problem'
  | 'The API timed out'
  | 'The connection was lost'
  | 'Could not reach the server'
  | 'The response ended before it was complete'
  | 'The response took too long'
  | 'The response could not be read'
  | 'The response contained an event that was too large'
  | 'The response was interrupted'
  | 'The conversation could not continue'
  | 'The conversation is too long for the model'
  | 'Something went wrong'
  | 'The server refused the request'
  | 'The chat endpoint was not found'
  | 'The server had a problem'
  | 'The server rejected the request'
  | 'The server did not answer with a stream'
  | 'Start a new conversation or remove earlier messages.'
  | 'The API asked to wait {0} before trying again.'
  | '{0} s'
  | '{0} min'
  // Stop reasons (StopNotice)
  | 'The answer was cut off'
  | 'It reached the max_tokens limit of this request.'
  | 'Claude declined to continue'
  | 'The text above is what Claude said before it refused.'
  | 'The conversation is too long'
  | "It reached the model's context window. Start a new conversation or remove earlier messages."
  // Blocks
  | 'Thinking…'
  | 'Thought process'
  | 'Thought for 1 second'
  | 'Thought for {0} seconds'
  | 'Some of the model’s reasoning was encrypted for safety reasons.'
  | 'Tool call: {0}'
  | 'Tool result: {0}'
  | 'Tool error: {0}'
  | 'tool'
  | 'Input'
  | 'Content'
  | 'Result'
  | 'Error'
  | 'Approve'
  | 'Deny'
  | 'Preparing input…'
  | 'Input cut off'
  | 'Awaiting approval'
  | 'Waiting for result'
  | 'Running…'
  | 'Done'
  | 'Failed'
  | 'Denied'
  | 'Called'
  | 'Web search'
  | 'Web fetch'
  | 'Code execution'
  | 'Bash'
  | 'File editor'
  // Code execution results
  | 'Code execution result'
  | 'The code could not run.'
  | 'Output'
  | 'Errors'
  | 'Exit code {0}'
  | '1 file'
  | '{0} files'
  | 'File created'
  | 'File updated'
  | 'Preparing…'
  | 'Searching…'
  | 'Search results'
  | 'Search results for {0}'
  | 'No results.'
  | 'Untitled'
  // Server tool errors, by the API's error_code (server-tool-errors.ts)
  | 'Too many requests were made. Try again in a moment.'
  | 'The search limit for this request was reached.'
  | 'The search query was not valid.'
  | 'The search query is too long.'
  | 'The search request was too large.'
  | 'Web search is unavailable right now.'
  | 'The search failed.'
  | 'The page could not be reached.'
  | 'The fetch limit for this request was reached.'
  | 'The address to fetch was not valid.'
  | 'The address is too long.'
  | 'Fetching from this site is not allowed.'
  | 'Only addresses that already appeared in the conversation can be fetched.'
  | 'This kind of content cannot be fetched.'
  | 'The page is too large to fetch.'
  | 'Web fetch is unavailable right now.'
  | 'The page could not be fetched.'
  // Web fetch results ({0} of a count: the number as English writes it, the number itself follows)
  | 'Web fetch result'
  | 'Fetched {0}'
  | 'Text · 1 character'
  | 'Text · {0} characters'
  | 'PDF'
  | 'Sources'
  | '“{0}”'
  | 'Source'
  | 'Document {0}'
  | 'Source {0}: {1}'
  | 'p. {0}'
  | 'pp. {0}–{1}'
  | 'Unsupported content:'
  | 'JSON'
  | '… (+{0} characters)'
  | 'Show all {0} characters'
  | 'Sent once the conversation has loaded'
  // Spoken code blocks (describeCode)
  | 'Code block, 1 line.'
  | 'Code block, {0} lines.'
  | 'Code block in {0}, 1 line.'
  | 'Code block in {0}, {1} lines.';

/**
 * The texts of an app's language, by English text. A string may use `{0}`, `{1}` for the values; a
 * function gets the values and returns the text (for plural rules English does not have). Keys left
 * out stay English.
 *
 * @example
 * const french: Labels = {
 *   Send: 'Envoyer',
 *   'Tool call: {0}': 'Appel d’outil : {0}',
 *   'Thought for {0} seconds': (seconds) => `A réfléchi ${seconds} secondes`,
 * };
 */
export type Labels = {
  readonly [Key in LabelKey]?: string | ((...values: (string | number)[]) => string) | undefined;
};

/**
 * A text in the app's language: `key` is the English text, `values` fill its `{0}`, `{1}`, ….
 *
 * @example
 * const t: Translate = useLabels();
 * t('Tool call: {0}', 'get_weather'); // 'Tool call: get_weather', or the app's words for it
 */
export type Translate = <Key extends LabelKey>(key: Key, ...values: LabelValues<Key>) => string;

type Value = string | number;

/**
 * The values a key takes: one at least for each of its `{0}`, `{1}`, `{2}` (`t('Tool call: {0}')`
 * without the name is a type error); a key without them may still pass numbers for a label's plural.
 */
export type LabelValues<Key extends string> = Key extends `${string}{2}${string}`
  ? [Value, Value, Value, ...Value[]]
  : Key extends `${string}{1}${string}`
    ? [Value, Value, ...Value[]]
    : Key extends `${string}{0}${string}`
      ? [Value, ...Value[]]
      : Value[];

/** `text` with its `{0}`, `{1}`, … replaced by `values`. */
const fill = (text: string, values: readonly (string | number)[]): string =>
  // A string index reads an array as well; `replace` makes the numbers strings.
  text.replace(/\{(\d)\}/g, (_, index: keyof typeof values) => values[index] as string);

/** The English texts: each key with its `{0}`, `{1}`, … filled in. */
export const english: Translate = (key, ...values) => fill(key, values);

/** Holds the {@link Translate} function that `useLabels` reads; `ChatStream` and `LabelsProvider` provide it. */
export const LabelsContext: Context<Translate> = /* @__PURE__ */ createContext<Translate>(english);

/**
 * The {@link Translate} function of the closest {@link LabelsProvider} or `<ChatStream labels>`;
 * English without one.
 *
 * @example
 * const t = useLabels();
 * return <button type="button">{t('Retry')}</button>;
 */
export const useLabels = (): Translate => useContext(LabelsContext);

/**
 * The {@link Translate} function of `labels` over the one of the provider around (keys left out
 * come from there); the same function while neither changes.
 */
export function useTranslate(labels: Labels | undefined): Translate {
  const outer = useLabels();
  return useMemo<Translate>(
    () =>
      labels
        ? (key, ...values) => {
            const label = labels[key];
            return label === undefined
              ? outer(key, ...values)
              : typeof label === 'function'
                ? label(...values)
                : fill(label, values);
          }
        : outer,
    [labels, outer],
  );
}

/** Props of {@link LabelsProvider}. */
export interface LabelsProviderProps {
  /**
   * The app's texts by English text. Keys left out come from a provider around this one, or stay
   * English. Keep the object stable (module scope or memoised): a new one renders every part again.
   */
  labels: Labels | undefined;
  children?: ReactNode | undefined;
}

/**
 * Gives the parts inside it the app's texts: for parts used without `<ChatStream>` (which takes
 * `labels` itself), or for labels shared by several chats. Providers nest: an inner one's keys win.
 *
 * @example
 * <LabelsProvider labels={{ Send: 'Envoyer', Stop: 'Arrêter' }}>
 *   <Composer busy={busy} onSend={send} onStop={stop} />
 * </LabelsProvider>
 */
export function LabelsProvider({ labels, children }: LabelsProviderProps): ReactNode {
  return <LabelsContext.Provider value={useTranslate(labels)}>{children}</LabelsContext.Provider>;
}
