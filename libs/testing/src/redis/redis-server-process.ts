import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { connect } from 'node:net';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { freePort } from './free-port.js';

export interface RedisServerProcess {
  readonly url: string;
  readonly port: number;
  readonly pid: number;
  readonly dir: string;
  /** Settles once the server process is gone, however it ended (e.g. after a SHUTDOWN command). */
  readonly exited: Promise<void>;
  /** Stops this server (SIGTERM, then SIGKILL after 5 s) and removes its directory (unless it was given one). */
  stop(): Promise<void>;
  /** kill -9: no shutdown, no final fsync — a crash. Resolves once it is gone; its directory stays. */
  kill(): Promise<void>;
}

export interface RedisServerOptions {
  readonly port?: number;
  /** Extra `redis-server` arguments, e.g. `['--appendonly', 'yes']` for durability tests. */
  readonly args?: readonly string[];
  /** Keep data in this directory (for restart tests); a fresh temporary one by default. */
  readonly dir?: string;
}

/**
 * A private `redis-server` on a free loopback port, for tests that must own their Redis
 * (and for machines where no REDIS_URL is given). Never touches a shared server.
 */
export async function startRedisServer(options: RedisServerOptions = {}): Promise<RedisServerProcess> {
  const port = options.port ?? (await freePort());
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'aside-redis-'));
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, ...(options.args ?? [])],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  // Kept for the error message should the server refuse to start; both pipes are drained so
  // a chatty server never blocks, and closed with it.
  let output = '';
  const keep = (chunk: Buffer) => void (output = (output + chunk.toString()).slice(-2_000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const spawnError = new Promise<never>((_, reject) => {
    child.once('error', (error) =>
      reject(
        (error as NodeJS.ErrnoException).code === 'ENOENT'
          ? new Error('redis-server is not installed: install it (apt-get install -y redis-server) or set REDIS_URL')
          : error,
      ),
    );
  });
  const url = `redis://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  await Promise.race([waitUntilAnswering(port, child, () => output), spawnError]);
  return {
    url,
    port,
    pid: child.pid!,
    dir,
    exited,
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    stop: async () => {
      await stopProcess(child);
      if (!options.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function waitUntilAnswering(port: number, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with code ${child.exitCode}: ${output().trim()}`);
    if (await answersPing(port)) return;
    await delay(25);
  }
  throw new Error(`redis-server on port ${port} did not answer within 10 s`);
}

/** One inline PING over a plain socket: no client library, nothing left running. */
function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    const done = (answer: boolean) => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
  });
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}
