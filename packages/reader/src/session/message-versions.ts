import type { ChatMessage } from './chat-message.ts';
import { ChatSessionError } from './chat-session-error.ts';
import { restoreMessages } from './restore-messages.ts';

/** Where a message stands among the versions of its place in the conversation. */
export interface MessageVersion {
  /** The version shown, from 0 (the oldest). */
  readonly index: number;
  /** How many versions the place has. */
  readonly count: number;
}

/** The versions of the places that have more than one, by the id of the message each place shows. */
export type MessageVersions = Readonly<Record<string, MessageVersion>>;

/**
 * The versions of a conversation as plain data (JSON), to save beside its messages and give back as
 * the `initialVersions` option: each place by the id of the message before it (`after`, null for
 * the first message), its versions in order (the rest of the conversation from there; the one shown
 * is empty, since the messages hold it) and which is shown.
 */
export interface ExportedVersions {
  readonly places: readonly {
    readonly after: string | null;
    readonly versions: readonly (readonly ChatMessage[])[];
    readonly shown: number;
  }[];
}

/**
 * A place in the conversation that an edit or a regeneration gave another version: each version is
 * the rest of the conversation from there (the edited question and what followed it). The shown
 * version's entry is brought up to date only when it is left, so streaming into it costs nothing.
 */
interface Place {
  readonly tails: (readonly ChatMessage[])[];
  current: number;
}

/** The versions an edit or a regeneration leaves behind, and switching between them. */
export interface VersionStore {
  /**
   * Keeps `messages.slice(index)` as a version of its place before an edit or a regeneration replaces
   * it; what replaces it is the newest version. `renamed` gives the kept first message a new id, so
   * an edited message can keep its own (and the places below the old one go with it).
   */
  branch(messages: readonly ChatMessage[], index: number, renamed?: string): void;
  /** The conversation with the place of message `id` showing version `index` instead. */
  show(messages: readonly ChatMessage[], id: string, index: number): readonly ChatMessage[];
  /** The version of each shown message whose place has others; the same object while they do not change. */
  view(messages: readonly ChatMessage[]): MessageVersions;
  /** Forgets every version. */
  clear(): void;
  /** Every version as plain data (see {@link ExportedVersions}). */
  export(): ExportedVersions;
  /** Takes versions saved by `export()` in place of its own; throws a `TypeError` for data that is not such. */
  restore(saved: ExportedVersions): void;
}

/** The key of the place at `index`: the id of the message before it, null for the first. */
const keyAt = (messages: readonly ChatMessage[], index: number): string | null =>
  index === 0 ? null : messages[index - 1]!.id;

/** Creates an empty {@link VersionStore}. */
export function createVersionStore(): VersionStore {
  // By the id of the message before the place; null for the first place of the conversation.
  const places = new Map<string | null, Place>();
  // Without a prototype, so an id such as "constructor" finds nothing inherited. Made here, not at
  // the top of the module: a call there would stay in every bundle, tree-shaken or not.
  const none: MessageVersions = Object.freeze(Object.create(null) as MessageVersions);
  let published = none;
  // What `view` last looked at. Streaming replaces the last message only: the places shown can change
  // only when the versions do or a message comes or goes, so a token costs no walk of the conversation.
  let seenLength = -1;
  const changed = (): void => {
    seenLength = -1;
  };

  return {
    branch(messages, index, renamed) {
      const tail = messages.slice(index);
      // Nothing shown there (a regeneration that failed before its answer began): nothing to keep.
      if (tail.length === 0) return;
      changed();
      if (renamed !== undefined) {
        const old = tail[0]!.id;
        tail[0] = { ...tail[0]!, id: renamed };
        const below = places.get(old);
        if (below) {
          places.delete(old);
          places.set(renamed, below);
        }
      }
      const key = keyAt(messages, index);
      const place = places.get(key);
      if (place) {
        place.tails[place.current] = tail;
        place.current = place.tails.push([]) - 1;
      } else {
        places.set(key, { tails: [tail, []], current: 1 });
      }
    },

    show(messages, id, index) {
      const at = messages.findIndex((message) => message.id === id);
      const place = at < 0 ? undefined : places.get(keyAt(messages, at));
      if (!place) throw new ChatSessionError('unknown-message', `Message "${id}" has no other versions`);
      if (!Number.isInteger(index) || index < 0 || index >= place.tails.length) {
        throw new RangeError(`Message "${id}" has versions 0 to ${place.tails.length - 1}, not ${index}`);
      }
      if (index === place.current) return messages;
      changed();
      place.tails[place.current] = messages.slice(at);
      place.current = index;
      return [...messages.slice(0, at), ...place.tails[index]!];
    },

    view(messages) {
      if (places.size === 0) return (published = none);
      if (messages.length === seenLength) return published;
      seenLength = messages.length;
      const next = Object.create(null) as Record<string, MessageVersion>;
      let differs = false;
      let size = 0;
      const positions = new Map(messages.map((message, index) => [message.id, index]));
      for (const [key, place] of places) {
        const at = key === null ? 0 : (positions.get(key) ?? -2) + 1;
        const first = at < 0 ? undefined : messages[at];
        if (!first || place.tails.length < 2) continue;
        const before = published[first.id];
        const same = before?.index === place.current && before.count === place.tails.length;
        next[first.id] = same ? before : { index: place.current, count: place.tails.length };
        differs ||= !same;
        size++;
      }
      if (differs || size !== Object.keys(published).length) published = size === 0 ? none : next;
      return published;
    },

    clear() {
      places.clear();
      changed();
    },

    export() {
      return {
        places: [...places].map(([after, place]) => ({
          after,
          // The shown version's slot is stale: the messages (or an enclosing version) hold it.
          versions: place.tails.map((tail, index) => (index === place.current ? [] : tail)),
          shown: place.current,
        })),
      };
    },

    restore(saved) {
      const list: unknown = (saved as Partial<ExportedVersions> | null)?.places;
      if (!Array.isArray(list)) throw new TypeError('initialVersions must be what exportVersions() returned');
      const restored = list.map((entry: Partial<ExportedVersions['places'][number]> | null, at) => {
        const { after, versions, shown } = entry ?? {};
        if (
          (after !== null && typeof after !== 'string') ||
          !Array.isArray(versions) ||
          versions.length < 2 ||
          !versions.every((tail) => Array.isArray(tail)) ||
          !Number.isInteger(shown) ||
          shown! < 0 ||
          shown! >= versions.length
        ) {
          throw new TypeError(`initialVersions.places[${at}] is not a saved place`);
        }
        return [after, { tails: versions.map((tail) => restoreMessages(tail)), current: shown! }] as const;
      });
      places.clear();
      changed();
      for (const [after, place] of restored) places.set(after, place);
    },
  };
}
