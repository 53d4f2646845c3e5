import type { ActionLabelKey } from './actions/action-label-keys.ts';
import type { ChatLabelKey } from './chat-label-keys.ts';
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
