/** Secrets shorter than this are not redacted: replacing every `a` of a text would garble it. */
const MIN_SECRET_LENGTH = 4;

/** The credentials to keep out of what the relay sends and reports: one, several, or none. */
export type Secrets = string | readonly string[] | undefined;

/**
 * Replaces every occurrence of each of `secrets` in `text` with `[redacted]`. Error texts the relay
 * sends pass through it, so an upstream message that quotes the key never reaches a browser.
 *
 * @example
 * redact('invalid key sk-ant-123', 'sk-ant-123'); // 'invalid key [redacted]'
 */
export function redact(text: string, secrets: Secrets): string {
  let redacted = text;
  for (const secret of secretList(secrets)) redacted = redacted.split(secret).join('[redacted]');
  return redacted;
}

/**
 * The secrets {@link redact} redacts, longest first (a `Bearer …` header value before the token in
 * it), those too short to redact left out.
 */
export function secretList(secrets: Secrets): string[] {
  const list = typeof secrets === 'string' ? [secrets] : [...(secrets ?? [])];
  return list.filter(redactsSecret).toSorted((a, b) => b.length - a.length);
}

/** True when {@link redact} redacts `secret` (it leaves secrets of under 4 characters alone). */
export function redactsSecret(secret: string): boolean {
  return secret.length >= MIN_SECRET_LENGTH;
}
