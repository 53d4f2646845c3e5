import { redact, type Secrets, secretList } from './redact.ts';

// Far deeper than any error the SDK or a store throws; the bound keeps a strange object cheap.
const MAX_DEPTH = 8;

/**
 * The error with `secret` redacted to `[redacted]` wherever a logger would print it: the message and
 * stack, the API's error body (`error.error`: its `message`, `details`), any other string field,
 * and the same in its `cause`, so what `onError` and `onFinish` hear never quotes the key. An error
 * is redacted in place, so its class (`instanceof Anthropic.APIError`), `status`, `requestID`,
 * `type` and `headers` stay as they were; one that cannot be changed (frozen) is replaced by a plain
 * `Error` with the redacted message and fields. Plain objects and arrays inside it are copied when
 * they quote the key; other objects (sockets, requests) are left alone. Anything that does not
 * quote the key comes back as it was.
 *
 * @example
 * catch (error) { options.onError?.(redactError(error, apiKey), request); }
 */
export function redactError(error: unknown, secrets: Secrets): unknown {
  let redacted = error;
  for (const secret of secretList(secrets)) redacted = redactValue(redacted, secret, new Map(), 0);
  return redacted;
}

/** What each object became, so one met twice (the SDK's `details` is in its body too) stays one. */
type Seen = Map<object, unknown>;

function redactValue(value: unknown, secret: string, seen: Seen, depth: number): unknown {
  if (typeof value === 'string') return value.includes(secret) ? redact(value, secret) : value;
  if (typeof value !== 'object' || value === null || depth > MAX_DEPTH) return value;
  if (seen.has(value)) return seen.get(value);
  seen.set(value, value);
  const redacted = redactObject(value, secret, seen, depth);
  seen.set(value, redacted);
  return redacted;
}

function redactObject(value: object, secret: string, seen: Seen, depth: number): unknown {
  if (value instanceof Error) return redactErrorObject(value, secret, seen, depth);
  if (typeof Headers === 'function' && value instanceof Headers) return redactHeaders(value, secret);
  if (Array.isArray(value)) {
    const items = value.map((item: unknown) => redactValue(item, secret, seen, depth + 1));
    return items.some((item, index) => item !== value[index]) ? items : value;
  }
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return value;
  let copy: Record<string, unknown> | undefined;
  for (const [key, item] of Object.entries(value)) {
    const next = redactValue(item, secret, seen, depth + 1);
    if (next !== item) (copy ??= { ...value })[key] = next;
  }
  return copy ?? value;
}

function redactErrorObject(error: Error, secret: string, seen: Seen, depth: number): Error {
  // Own names, not keys: `message` and `stack` are not enumerable.
  for (const key of Object.getOwnPropertyNames(error)) {
    const descriptor = Object.getOwnPropertyDescriptor(error, key);
    if (!descriptor || !('value' in descriptor)) continue;
    const next = redactValue(descriptor.value, secret, seen, depth + 1);
    if (next === descriptor.value) continue;
    try {
      Object.defineProperty(error, key, { ...descriptor, value: next });
    } catch {
      return plainCopy(error, secret);
    }
  }
  return error;
}

function plainCopy(error: Error, secret: string): Error {
  const copy = new Error(redact(error.message, secret));
  copy.name = error.name;
  for (const [key, value] of Object.entries(error)) {
    if (typeof value === 'string' || typeof value === 'number') {
      Object.defineProperty(copy, key, {
        value: typeof value === 'string' ? redact(value, secret) : value,
        enumerable: true,
      });
    }
  }
  return copy;
}

function redactHeaders(headers: Headers, secret: string): Headers {
  let quoted = false;
  headers.forEach((value) => {
    quoted ||= value.includes(secret);
  });
  if (!quoted) return headers;
  const copy = new Headers();
  headers.forEach((value, name) => copy.append(name, redact(value, secret)));
  return copy;
}
