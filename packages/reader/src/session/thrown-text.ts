import { messageOf } from '../errors.ts';

/**
 * What a tool threw, in words for the model: its message (an error from any realm has one), else
 * the value itself, an object as JSON, or at least its kind (`[object Response]`): `String` would
 * make any object "[object Object]", which tells the model nothing.
 */
export function thrownText(thrown: unknown): string {
  const { message, name } = (thrown ?? {}) as { message?: unknown; name?: unknown };
  // An error without a message says at least its name (`AbortError`).
  if (typeof message === 'string') return message || (typeof name === 'string' ? name : '');
  if (typeof thrown !== 'object' || thrown === null) return messageOf(thrown);
  let json: string | undefined;
  try {
    json = JSON.stringify(thrown);
  } catch {}
  return json && json !== '{}' ? json : Object.prototype.toString.call(thrown);
}
