import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRedisServer, type RedisServerProcess } from '@aside/testing';
import { runAsideCli } from '../../src/aside-cli/run-aside-cli.js';
import { CapturedOutput, recordSession, type RecordedSession } from './support/recorded-session.js';

/** A Redis of its own, with AOF so that the log survives the restart. */
describe('aside tail across a Redis restart', () => {
  const dir = mkdtempSync(join(tmpdir(), 'aside-cli-redis-'));
  const durable = { dir, args: ['--appendonly', 'yes'] };
  let server: RedisServerProcess | undefined;
  let session: RecordedSession | undefined;

  afterAll(async () => {
    await session?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('says Redis went away and came back, and goes on following where it was', async () => {
    server = await startRedisServer(durable);
    session = await recordSession({ redisUrl: server.url });
    const end = await session.store.logPosition(session.sessionId);
    const out = new CapturedOutput();
    const stop = new AbortController();
    const tailing = runAsideCli(['tail', session.sessionId], { env: session.env, out, signal: stop.signal });
    await out.waitForLine(new RegExp(`^\\s*${end} `));

    const port = server.port;
    await server.stop();
    await out.waitForNote(/^aside: Redis 127\.0\.0\.1:\d+, prefix test-aside-cli-\w+ unreachable \(.*\); retrying$/);
    server = await startRedisServer({ ...durable, port });
    await out.waitForNote(/^aside: Redis 127\.0\.0\.1:\d+, prefix test-aside-cli-\w+ reachable again$/);

    await session.gateway.setUserState(session.sessionId, { speaking: true });
    await out.waitForLine(new RegExp(`^\\s*${end + 1} .* UserStateChanged +user speaking$`));
    stop.abort();

    expect(await tailing).toBe(0);
    expect(out.lines).toHaveLength(end + 1); // nothing printed twice after the reconnect
  }, 20_000);
});
