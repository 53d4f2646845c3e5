import { shown } from '../check-serve-options.ts';
import type { ScenarioPicker } from '../scenario-picker.ts';
import type { MockScenario } from '../scenario-types.ts';

/** Where streams are kept for the next page: `sessionStorage`, or anything with its three methods. */
export interface StreamStorage {
  /** The text saved under `key`, or null. */
  getItem(key: string): string | null;
  /** Saves `value` under `key`; may throw when full. */
  setItem(key: string, value: string): void;
  /** Forgets `key`. */
  removeItem(key: string): void;
}

/** `resume` with the streams kept in a storage, so that the handlers of a reloaded page resume them. */
export interface ResumeOptions {
  /** `sessionStorage` in a browser: the tab's own, kept over a reload. */
  storage: StreamStorage;
}

/** A stream the handlers may be asked to resume. */
export interface KeptStream {
  chosen: MockScenario;
  attempt: number;
  /** When it began (`Date.now()`); only a stored stream knows, and its resume catches up. */
  startedAt?: number;
}

/** The streams the handlers started, by id, for the requests that resume them. */
export interface KeptStreams {
  /** Keeps a stream that starts now; `body` is its request's text. */
  keep(id: string, stream: KeptStream, body: string): void;
  /** The stream named `id`, or undefined when it is unknown, expired or its record is unreadable. */
  find(id: string): KeptStream | undefined;
  /** The stream was served to its end: a late resume may still read it for a minute, as on the relay. */
  ended(id: string): void;
  /** The stream was cancelled (a Stop): no resume will ask for it. */
  cancelled(id: string): void;
}

/** The storage key of the list of kept stream ids (oldest first); each stream sits under its id. */
export const STREAMS_KEY = 'chatstream-mocks:streams';
const STREAM_KEY = 'chatstream-mocks:stream:';
/** The relay gives up on a stream once no client read it for a while; a mock tab does so much later. */
const MAX_AGE_MS = 5 * 60_000;
/**
 * How long a stream served to its end stays (the relay's default `resume.ttlMs`): a page reloaded
 * just as its answer ended may not have saved the end, and reads it again.
 */
const ENDED_TTL_MS = 60_000;
/** Enough for every answer the demo may stream at once (the chat and three side-by-side columns). */
const MAX_STREAMS = 8;
/** Below this many streams in memory, expired ones are left for `find` to drop. */
const MIN_SWEEP_SIZE = 64;
/** A request too large to keep beside the page's own saved conversation is not kept. */
const MAX_BODY_CHARS = 100_000;

/** What is stored per stream: the scenario's name, plus the request when its name cannot find it. */
interface StoredStream {
  scenario: string;
  attempt: number;
  startedAt: number;
  /** When it is forgotten (`Date.now()` time). */
  until: number;
  body?: string;
}

/**
 * Throws a `TypeError` unless `resume` is a boolean or `{ storage }` with a storage's methods.
 *
 * @example
 * checkResumeOption({ storage: sessionStorage }); // fine
 */
export function checkResumeOption(resume: unknown): void {
  if (resume === undefined || typeof resume === 'boolean') return;
  if (typeof resume !== 'object' || resume === null) {
    throw new TypeError(`resume must be a boolean or { storage }, got ${shown(resume)}`);
  }
  const { storage } = resume as { storage?: unknown };
  const methods = ['getItem', 'setItem', 'removeItem'] as const;
  const store = storage as Partial<Record<(typeof methods)[number], unknown>> | null | undefined;
  const missing = methods.filter((name) => typeof store?.[name] !== 'function');
  if (missing.length > 0) {
    throw new TypeError(
      `resume.storage must be a storage such as sessionStorage (getItem, setItem, removeItem), got ${
        typeof storage === 'object' && storage !== null
          ? `an object without ${missing.join(', ')}`
          : shown(storage)
      }`,
    );
  }
}

/**
 * The streams of handlers with `resume`: in their own memory for `true`, or in `resume.storage`,
 * where the handlers of the next page find them. Both forget a stream when it is cancelled, a
 * minute after it was served to its end, or 5 minutes after it began; the storage keeps 8 at most.
 * A stored stream keeps its scenario's name, attempt and start; its request's text too when
 * `catalogue` does not hold the scenario under its name (an attachments answer, a custom one), to
 * pick it again.
 */
export function createKeptStreams(
  resume: true | ResumeOptions,
  picker: ScenarioPicker,
  catalogue: Readonly<Record<string, MockScenario>>,
): KeptStreams {
  if (resume === true) return keepInMemory();
  const { storage } = resume;
  const named = (name: string): MockScenario | undefined =>
    Object.hasOwn(catalogue, name) ? catalogue[name] : undefined;
  const load = (id: string): StoredStream | undefined => {
    const stored = parseStored(storage.getItem(STREAM_KEY + id));
    return stored && Date.now() <= stored.until ? stored : undefined;
  };
  return {
    keep(id, { chosen, attempt, startedAt = Date.now() }, body) {
      const stored: StoredStream = {
        scenario: chosen.name,
        attempt,
        startedAt,
        until: startedAt + MAX_AGE_MS,
      };
      if (named(chosen.name) !== chosen) {
        if (body.length > MAX_BODY_CHARS) return;
        stored.body = body;
      }
      const before = readIds(storage);
      // The newest that have not expired stay; the rest go, so the storage holds a handful at most.
      const ids = [...before.filter((kept) => kept !== id && load(kept)), id].slice(-MAX_STREAMS);
      for (const gone of before) if (!ids.includes(gone)) storage.removeItem(STREAM_KEY + gone);
      try {
        storage.setItem(STREAM_KEY + id, JSON.stringify(stored));
        storage.setItem(STREAMS_KEY, JSON.stringify(ids));
      } catch {
        // A full storage: the stream is served all the same, only not after a reload.
        storage.removeItem(STREAM_KEY + id);
      }
    },
    find(id) {
      const stored = load(id);
      if (!stored) return undefined;
      const chosen = stored.body === undefined ? named(stored.scenario) : picker.pick(parseBody(stored.body));
      // Picked again under other settings (`use()`), it would be another answer: better none.
      if (chosen?.name !== stored.scenario) return undefined;
      return { chosen, attempt: stored.attempt, startedAt: stored.startedAt };
    },
    ended(id) {
      const stored = load(id);
      if (!stored) return;
      const until = Math.min(stored.until, Date.now() + ENDED_TTL_MS);
      try {
        storage.setItem(STREAM_KEY + id, JSON.stringify({ ...stored, until }));
      } catch {
        storage.removeItem(STREAM_KEY + id);
      }
    },
    cancelled(id) {
      storage.removeItem(STREAM_KEY + id);
    },
  };
}

/**
 * The streams of `resume: true`, in memory and forgotten as the stored ones are: when cancelled, a
 * minute after they were served to their end, 5 minutes after they began. Memory needs no cap on
 * their number.
 */
function keepInMemory(): KeptStreams {
  const streams = new Map<string, { stream: KeptStream; until: number }>();
  // Expired streams nobody asks for again go in a sweep, once the map doubled since the last one.
  let sweepAt = MIN_SWEEP_SIZE;
  const live = (id: string): { stream: KeptStream; until: number } | undefined => {
    const kept = streams.get(id);
    if (!kept || Date.now() <= kept.until) return kept;
    streams.delete(id);
    return undefined;
  };
  return {
    keep(id, { chosen, attempt }) {
      if (streams.size >= sweepAt) {
        const now = Date.now();
        for (const [old, { until }] of streams) if (now > until) streams.delete(old);
        sweepAt = Math.max(MIN_SWEEP_SIZE, 2 * streams.size);
      }
      streams.set(id, { stream: { chosen, attempt }, until: Date.now() + MAX_AGE_MS });
    },
    find: (id) => live(id)?.stream,
    ended(id) {
      const kept = live(id);
      if (kept) kept.until = Math.min(kept.until, Date.now() + ENDED_TTL_MS);
    },
    cancelled: (id) => void streams.delete(id),
  };
}

function readIds(storage: StreamStorage): string[] {
  try {
    const ids: unknown = JSON.parse(storage.getItem(STREAMS_KEY) ?? '[]');
    return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
  } catch {
    return [];
  }
}

function parseStored(text: string | null): StoredStream | undefined {
  let value: Partial<StoredStream> | null;
  try {
    value = JSON.parse(text ?? 'null') as Partial<StoredStream> | null;
  } catch {
    return undefined;
  }
  const { scenario, attempt, startedAt, until, body } = value ?? {};
  const valid =
    typeof scenario === 'string' &&
    Number.isInteger(attempt) &&
    (attempt ?? -1) >= 0 &&
    Number.isFinite(startedAt) &&
    Number.isFinite(until) &&
    (body === undefined || typeof body === 'string');
  return valid ? (value as StoredStream) : undefined;
}

/** The request body as the picker saw it: parsed JSON, or the raw text. */
function parseBody(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
