/** A JSON object as the parser builds it: an ordinary object, so key order follows JS rules. */
export type JSONObject = Record<string, unknown>;

/**
 * One open array or object on the parser's explicit stack.
 *
 * `container` holds the completed entries and is private to the parser until the container
 * closes; after that it is the final value and is never touched again. Readers only ever see
 * snapshots, copies, so nothing handed out is mutated later.
 */
export class ContainerFrame {
  /** True for `[`, false for `{`. */
  declare readonly isArray: boolean;
  /** Completed elements or members; becomes the final value when the container closes. */
  declare readonly container: unknown[] | JSONObject;
  /** The key of the member being read (objects only); set when the key's string closes. */
  key: string = '';
  /** The open child's reading that the last snapshot was built with (`undefined`: none). */
  #snapshotChild: unknown = undefined;
  /** Set when a completed entry was added since the last snapshot (or none was taken yet). */
  #dirty = true;
  /** Whether an own `__proto__` member was added, which a plain copy would turn into a prototype. */
  #hasProtoKey = false;
  /** Entries added so far (a repeated key counts again): what a snapshot copies. */
  size = 0;

  constructor(isArray: boolean) {
    this.isArray = isArray;
    this.container = isArray ? [] : {};
  }

  /** Adds a completed value: the next element, or the member under `key`. */
  add(value: unknown): void {
    if (this.isArray) {
      (this.container as unknown[]).push(value);
    } else {
      setMember(this.container as JSONObject, this.key, value);
      if (this.key === '__proto__') this.#hasProtoKey = true;
    }
    this.size += 1;
    this.#dirty = true;
  }

  /**
   * A fresh copy of the completed entries plus the open child's reading (left out when it has
   * none), or `undefined` when neither changed since the last copy. Costs the container's width.
   */
  snapshot(child: unknown): unknown[] | JSONObject | undefined {
    if (!this.#dirty && Object.is(this.#snapshotChild, child)) return undefined;
    let copy: unknown[] | JSONObject;
    if (this.isArray) {
      copy = (this.container as unknown[]).slice();
      if (child !== undefined) copy.push(child);
    } else {
      const members = this.container as JSONObject;
      // Object.assign is several times faster here than spread followed by a store, and safe
      // once `__proto__` (whose setter it would call) is ruled out; spread copies it as an own member.
      copy = this.#hasProtoKey ? { ...members } : Object.assign({}, members);
      if (child !== undefined) setMember(copy, this.key, child);
    }
    this.#snapshotChild = child;
    this.#dirty = false;
    return copy;
  }
}

/**
 * Sets a member the way `JSON.parse` does (CreateDataProperty): a repeated key keeps its first
 * position and takes the new value; `__proto__` becomes an own member instead of a prototype change.
 */
function setMember(object: JSONObject, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
  } else {
    object[key] = value;
  }
}

/**
 * The reading of the whole open path, built from the innermost open child outwards, and how many
 * entries that copied. A frame whose entries and child reading did not change since the last read
 * keeps its snapshot, and then so does every frame below it: `previous` (the last root reading) is
 * returned as is. Costs O(depth + the widths of the frames that changed); never walks completed
 * subtrees.
 */
export function readOpenPath(
  stack: readonly ContainerFrame[],
  innermost: unknown,
  previous: unknown,
): { reading: unknown; copied: number } {
  let reading = innermost;
  let copied = 0;
  for (let depth = stack.length - 1; depth >= 0; depth--) {
    const frame = stack[depth]!;
    const copy = frame.snapshot(reading);
    if (copy === undefined) return { reading: previous, copied };
    copied += frame.size + 1;
    reading = copy;
  }
  return { reading, copied };
}
