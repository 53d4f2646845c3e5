import type { Tab } from './browser.ts';

/** The W3C WebDriver element reference key. */
const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';
const ENTER = '\uE007';

/**
 * Opens a session on a W3C WebDriver server (classic, plain HTTP: a dozen lines of `fetch` instead of a
 * client library) and returns it as a {@link Tab}; closing the tab ends the session.
 */
export async function startWebDriverSession(server: string, capabilities: object): Promise<Tab> {
  const call = async (method: string, path: string, body?: object): Promise<unknown> => {
    const response = await fetch(`${server}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const { value } = (await response.json()) as { value: unknown };
    if (!response.ok) {
      const { error, message } = value as { error: string; message: string };
      throw new Error(`WebDriver ${method} ${path}: ${error}: ${message}`);
    }
    return value;
  };
  const { sessionId } = (await call('POST', '/session', { capabilities: { alwaysMatch: capabilities } })) as {
    sessionId: string;
  };
  const session = `/session/${sessionId}`;
  const find = async (selector: string): Promise<string> => {
    const found = (await call('POST', `${session}/element`, { using: 'css selector', value: selector })) as {
      [ELEMENT]: string;
    };
    return `${session}/element/${found[ELEMENT]}`;
  };
  return {
    goto: async (url) => {
      await call('POST', `${session}/url`, { url });
    },
    async evaluate(fn, ...args) {
      const value = await call('POST', `${session}/execute/async`, {
        // Awaited in the page, so a function may return a promise as with Puppeteer.
        script: `const done = arguments[arguments.length - 1];
          Promise.resolve().then(() => (${fn.toString()}).apply(null, Array.prototype.slice.call(arguments, 0, -1)))
            .then(done, (error) => done({ failedInPage: String(error && error.stack || error) }));`,
        args,
      });
      const failed = (value as { failedInPage?: string } | null)?.failedInPage;
      if (failed) throw new Error(`In the page: ${failed}`);
      return value as never;
    },
    async typeAndEnter(selector, text) {
      // Element Send Keys: WebKit's key actions drop a character typed twice in a row; this does not.
      await call('POST', `${await find(selector)}/value`, { text: `${text}${ENTER}` });
    },
    async click(selector) {
      await call('POST', `${await find(selector)}/click`, {});
    },
    async close() {
      await call('DELETE', session);
    },
  };
}
