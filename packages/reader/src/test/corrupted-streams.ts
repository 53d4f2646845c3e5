// Corrupted Anthropic streams for property tests: transcripts with events changed, dropped,
// duplicated or swapped, edited as text, and cut short; and checks of how a reader failed on them.
import fc from 'fast-check';
import { ChatStreamError, StreamEventError } from '../errors.ts';

type Event = Record<string, unknown>;
type Path = (string | number)[];

/** Every property path inside `value` (object keys and array indices, nested ones too). */
function pathsOf(value: unknown, prefix: Path = []): Path[] {
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) => {
    const path = [...prefix, Array.isArray(value) ? Number(key) : key];
    return [path, ...pathsOf(child, path)];
  });
}

/** A copy of `event` with the property at `path` set to `replacement`, or deleted when it is undefined. */
function withChange(event: Event, path: Path, replacement: unknown): Event {
  const copy = structuredClone(event);
  let parent: Record<string | number, unknown> = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path.at(-1) as string | number;
  if (replacement === undefined) delete parent[last];
  else parent[last] = replacement;
  return copy;
}

/** One way a stream can go wrong; `pick` and `at` choose where, whatever the stream's length. */
type Corruption =
  | { kind: 'change'; pick: number; at: number; replacement: unknown }
  | { kind: 'delete-key'; pick: number; at: number }
  | { kind: 'replace-event'; pick: number; replacement: unknown }
  | { kind: 'drop' | 'duplicate'; pick: number }
  | { kind: 'swap'; pick: number; other: number };

const corruption: fc.Arbitrary<Corruption> = fc.oneof(
  fc.record({
    kind: fc.constant('change' as const),
    pick: fc.nat(),
    at: fc.nat(),
    replacement: fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom(-1, 1.5, 2 ** 40, '', 'text')),
  }),
  fc.record({ kind: fc.constant('delete-key' as const), pick: fc.nat(), at: fc.nat() }),
  fc.record({
    kind: fc.constant('replace-event' as const),
    pick: fc.nat(),
    replacement: fc.jsonValue({ maxDepth: 2 }),
  }),
  fc.record({ kind: fc.constantFrom('drop' as const, 'duplicate' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('swap' as const), pick: fc.nat(), other: fc.nat() }),
);

/** A text edit of the framed stream: `remove` characters at `at`, `insert` in their place. */
interface Edit {
  at: number;
  remove: number;
  insert: string;
}

const edit: fc.Arbitrary<Edit> = fc.record({
  at: fc.nat(),
  remove: fc.nat(8),
  insert: fc.oneof(
    fc.string({ unit: 'binary', maxLength: 6 }),
    fc.constantFrom('\n', '\r', '\n\n', '\r\n', 'data: ', 'event: ', ':', '{', '"', '\\', '\u0000'),
  ),
});

function applyEdit(text: string, { at, remove, insert }: Edit): string {
  const from = at % (text.length + 1);
  return text.slice(0, from) + insert + text.slice(from + remove);
}

function corrupt(events: Event[], change: Corruption): Event[] {
  const next = events.slice();
  const index = change.pick % next.length;
  const event = next[index] as Event;
  switch (change.kind) {
    case 'change':
    case 'delete-key': {
      const paths = pathsOf(event);
      const path = paths[change.at % paths.length];
      if (path)
        next[index] = withChange(event, path, change.kind === 'change' ? change.replacement : undefined);
      break;
    }
    case 'replace-event':
      // The data line becomes any JSON at all: an object of some other shape, an array, a number…
      next[index] = change.replacement as Event;
      break;
    case 'drop':
      next.splice(index, 1);
      break;
    case 'duplicate':
      next.splice(index, 0, event);
      break;
    case 'swap': {
      const other = change.other % next.length;
      next[index] = next[other] as Event;
      next[other] = event;
      break;
    }
  }
  return next;
}

/** Frames `events` like the API: `event:` is the JSON `type` when that is a string. */
function frame(events: unknown[]): string {
  return events
    .map((event) => {
      const type = (event as { type?: unknown } | null)?.type;
      return `event: ${typeof type === 'string' ? type : 'message'}\ndata: ${JSON.stringify(event)}\n\n`;
    })
    .join('');
}

/** The bytes a client receives: the transcript corrupted and edited, perhaps cut short. */
export function corruptedBytes(transcript: Event[]): fc.Arbitrary<Uint8Array> {
  return fc
    .tuple(
      fc.array(corruption, { maxLength: 3 }),
      // Each also in a third of the runs only, so some corrupted streams still parse to the end.
      fc.oneof(fc.constant([]), fc.constant([]), fc.array(edit, { minLength: 1, maxLength: 2 })),
      fc.option(fc.nat(), { nil: undefined, freq: 2 }),
    )
    .map(([corruptions, edits, cut]) => {
      const text = edits.reduce(applyEdit, frame(corruptions.reduce(corrupt, transcript)));
      const bytes = new TextEncoder().encode(text);
      return cut === undefined ? bytes : bytes.slice(0, cut % (bytes.length + 1));
    });
}

/** True for the errors a stream's own bytes can cause: never a TypeError, nor a crash passed off as a connection failure. */
export function isStreamFault(error: unknown): boolean {
  return error instanceof ChatStreamError && ['protocol', 'incomplete', 'stream-event'].includes(error.kind);
}

/** What an unexpected failure was, for the assertion's diff. */
export function failureText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : JSON.stringify(error);
}

/** True when `error` says what happened in a non-empty message and typed fields. */
export function explains(error: ChatStreamError): boolean {
  const typedFields =
    !(error instanceof StreamEventError) ||
    (typeof error.errorType === 'string' && ['string', 'undefined'].includes(typeof error.requestId));
  return typeof error.message === 'string' && error.message.length > 0 && typedFields;
}
