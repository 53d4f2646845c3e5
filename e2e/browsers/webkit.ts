import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { webkitPaths } from '../../scripts/webkit.ts';
import type { Browser } from './browser.ts';
import { startWebDriverSession } from './webdriver-session.ts';

/**
 * Starts WebKitGTK's WebDriver server on a virtual display; each tab is a session of its own (a fresh
 * MiniBrowser with ephemeral storage, well under a second to start).
 */
export async function launchWebKit(): Promise<Browser> {
  const { driver, browser, xvfbRun } = webkitPaths();
  const port = await freePort();
  // A process group of its own: closing ends xvfb-run, the driver, Xvfb and the browsers together.
  const child = spawn(
    xvfbRun,
    ['-a', '-s', '-screen 0 1280x900x24', driver, `--port=${port}`, '--host=127.0.0.1'],
    { detached: true, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const server = `http://127.0.0.1:${port}`;
  const unwatch = endWithThisProcess(child);
  const close = async (): Promise<void> => {
    unwatch();
    await stop(child);
  };
  try {
    await waitUntilUp(server, child);
  } catch (error) {
    await close();
    throw error;
  }
  const capabilities = {
    browserName: 'MiniBrowser',
    'webkitgtk:browserOptions': { binary: browser, args: ['--automation'] },
  };
  return {
    newTab: () => startWebDriverSession(server, capabilities),
    close,
  };
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

async function waitUntilUp(server: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`WebKitWebDriver exited with code ${child.exitCode}`);
    try {
      if ((await fetch(`${server}/status`)).ok) return;
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`WebKitWebDriver did not answer at ${server} within 20 s`);
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  kill(child, 'SIGTERM');
  const timer = setTimeout(() => kill(child, 'SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * Ends `child`'s process group when this process ends without closing it (a crash, Ctrl-C, a CI
 * timeout): it is a group of its own, which no terminal or parent signals. Returns the function that
 * stops watching.
 */
function endWithThisProcess(child: ChildProcess): () => void {
  const onExit = (): void => kill(child, 'SIGKILL');
  const onSignal = (signal: NodeJS.Signals): void => {
    onExit();
    // Listened for once: raised again, the signal now ends this process as it would have.
    process.kill(process.pid, signal);
  };
  process.once('exit', onExit);
  for (const signal of SIGNALS) process.once(signal, onSignal);
  return () => {
    process.off('exit', onExit);
    for (const signal of SIGNALS) process.off(signal, onSignal);
  };
}

/** Signals the process group `child` leads (xvfb-run and all it started). */
function kill(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (child.pid !== undefined) process.kill(-child.pid, signal);
  } catch {
    // The group is gone already.
  }
}
