/** Secrets shorter than this are not redacted: replacing every `a` of a text would garble it. */
const MIN_SECRET_LENGTH = 4;

/**
 * Replaces every occurrence of `secret` in `text` with `[redacted]`. Error texts the relay sends
 * pass through it, so an upstream message that quotes the key never reaches a browser.
 *
 * @example
 * redact('invalid key sk-ant-123', 'sk-ant-123'); // 'invalid key [redacted]'
 */
export function redact(text: string, secret: string | undefined): string {
  if (secret === undefined || !redactsSecret(secret)) return text;
  return text.split(secret).join('[redacted]');
}

/** True when {@link redact} redacts `secret` (it leaves secrets of under 4 characters alone). */
export function redactsSecret(secret: string): boolean {
  return secret.length >= MIN_SECRET_LENGTH;
}
