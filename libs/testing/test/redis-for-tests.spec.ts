import { describe, expect, it } from '@jest/globals';
import { connect } from 'node:net';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { redactUrl, startRedisServer, startTestRedis } from '../src/index.js';

/** One inline command over a plain socket; its raw reply. */
function send(port: number, command: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' }, () => socket.write(`${command}\r\n`));
    socket.once('data', (data) => {
      resolve(data.toString());
      socket.destroy();
    });
  });
}

function ping(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.once('error', (error) => resolve(`error: ${(error as NodeJS.ErrnoException).code}`));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => {
      resolve(data.toString().trim());
      socket.destroy();
    });
  });
}

describe('a private redis-server for tests', () => {
  it('answers on its own port, then is gone with its directory after stop', async () => {
    const server = await startRedisServer();

    expect(await ping(server.port)).toBe('+PONG');
    await server.stop();

    expect(await ping(server.port)).toBe('error: ECONNREFUSED');
    expect(existsSync(server.dir)).toBe(false);
  });

  it('can be killed -9 and started again on the same port and directory, with what its append-only file kept', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aside-redis-test-'));
    const args = ['--appendonly', 'yes', '--appendfsync', 'always'];
    try {
      const first = await startRedisServer({ dir, args });
      expect(await send(first.port, 'SET kept yes')).toBe('+OK\r\n');
      await first.kill();
      expect(await ping(first.port)).toBe('error: ECONNREFUSED');
      await first.exited; // settled already: kill() waits for it

      const again = await startRedisServer({ dir, args, port: first.port });
      try {
        expect(await send(again.port, 'GET kept')).toBe('$3\r\nyes\r\n');
      } finally {
        await again.stop();
      }
      expect(existsSync(dir)).toBe(true); // a directory it was given is the caller's
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('passes extra arguments to the server', async () => {
    const server = await startRedisServer({ args: ['--maxmemory-policy', 'noeviction'] });
    try {
      const reply = await new Promise<string>((resolve) => {
        const socket = connect({ port: server.port, host: '127.0.0.1' }, () => socket.write('CONFIG GET maxmemory-policy\r\n'));
        socket.once('data', (data) => {
          resolve(data.toString());
          socket.destroy();
        });
      });
      expect(reply).toContain('noeviction');
    } finally {
      await server.stop();
    }
  });
});

describe('startTestRedis', () => {
  it('uses REDIS_URL when it is set, and never stops that server', async () => {
    const lines: string[] = [];
    const redis = await startTestRedis((line) => lines.push(line));

    expect(redis.source).toBe('REDIS_URL');
    expect(redis.url).toBe(process.env['REDIS_URL']);
    expect(lines).toEqual([`[aside tests] Redis: REDIS_URL ${redactUrl(redis.url)}`]);
    await redis.stop();
    expect(await ping(Number(new URL(redis.url).port))).toBe('+PONG');
  });

  it('redacts a password from the URL it logs', () => {
    expect(redactUrl('redis://user:secret@127.0.0.1:6379/0')).toBe('redis://user:***@127.0.0.1:6379/0');
    expect(redactUrl('not a url')).toBe('<unparseable REDIS_URL>');
  });
});
