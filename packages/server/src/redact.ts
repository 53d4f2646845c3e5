/**
 * Replaces every occurrence of `secret` in `text` with `[redacted]`. Error texts the relay sends
 * pass through it, so an upstream message that quotes the key never reaches a browser.
 *
 * @example
 * redact('invalid key sk-ant-123', 'sk-ant-123'); // 'invalid key [redacted]'
 */
export function redact(text: string, secret: string | undefined): string {
  if (secret === undefined || secret.length < 4) return text;
  return text.split(secret).join('[redacted]');
}
