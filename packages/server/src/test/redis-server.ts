import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';

/** A Redis server the tests started on 127.0.0.1, with nothing saved to disk. */
export interface TestRedisServer {
  url: string;
  /** The server's process id (for its CPU time in benchmarks). */
  pid: number | undefined;
  /** Freezes the server (SIGSTOP): connections stay open, nothing is answered, as a hung Redis. */
  pause(): void;
  /** Lets a paused server go on (SIGCONT). */
  resume(): void;
  stop(): Promise<void>;
}

/** A port free on 127.0.0.1 right now. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/**
 * Starts `REDIS_SERVER`, else Debian's `/usr/bin/redis-server`, on a free loopback port; it stops
 * with {@link TestRedisServer.stop}, or with the test process. A missing server is a clear setup error.
 */
export async function startRedisServer(): Promise<TestRedisServer> {
  const path = process.env['REDIS_SERVER'] ?? '/usr/bin/redis-server';
  if (!existsSync(path)) {
    throw new Error(
      `No Redis server at ${path}. Install Debian's: \`sudo apt-get update && sudo apt-get install -y redis-server\`, ` +
        'or point REDIS_SERVER at a redis-server binary.',
    );
  }
  const port = await freePort();
  const child = spawn(
    path,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const stopWithTests = (): void => {
    child.kill('SIGCONT');
    child.kill();
  };
  process.once('exit', stopWithTests);
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`redis-server did not start:\n${output}`)), 10_000);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited with ${code}:\n${output}`));
    });
  });
  return {
    url: `redis://127.0.0.1:${port}`,
    pid: child.pid,
    pause: () => void child.kill('SIGSTOP'),
    resume: () => void child.kill('SIGCONT'),
    stop: async () => {
      process.off('exit', stopWithTests);
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      // A paused server would not act on SIGTERM until continued.
      child.kill('SIGCONT');
      child.kill();
      await exited;
    },
  };
}
