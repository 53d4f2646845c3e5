/**
 * What an `authorize` or `beforeRequest` hook answered: `undefined` to go on, or the `Response` to
 * send instead. A response of another fetch implementation (the `undici` package's, a polyfill's)
 * is taken by its shape and rebuilt; any other value throws a `TypeError` (a 500, reported), since
 * reading `false` or `{ status: 401 }` as "go on" would relay a request the hook meant to refuse.
 */
export function hookAnswer(answer: unknown, hook: 'authorize' | 'beforeRequest'): Response | undefined {
  if (answer === undefined || answer instanceof Response) return answer;
  const { status, statusText, headers, body } = (answer ?? {}) as Partial<Response>;
  if (typeof status === 'number' && typeof headers?.forEach === 'function') {
    const copied = new Headers();
    headers.forEach((value, name) => copied.append(name, value));
    return new Response(body, { status, statusText: statusText ?? '', headers: copied });
  }
  const got =
    typeof answer === 'boolean' || typeof answer === 'number' || answer === null
      ? String(answer)
      : typeof answer === 'string'
        ? JSON.stringify(answer)
        : `${typeof answer === 'object' ? 'an object' : `a ${typeof answer}`} that is not a Response`;
  throw new TypeError(`${hook} must return a Response to answer with, or undefined to go on; got ${got}`);
}
