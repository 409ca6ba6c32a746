import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createCatalogue, defineEvent, formatSessionId } from '@aside/events';
import { RedisEventStore, sessionKeys } from '@aside/events/store';
import { deleteKeysMatching, testKeyPrefix } from '@aside/testing';
import { Redis } from 'ioredis';
import { z } from 'zod';
import { auditSession } from '../src/faults/checker/audit-session.js';
import { readSessionLog } from '../src/faults/checker/read-session-log.js';

const Noted = defineEvent('Noted', { data: z.object({ text: z.string() }) });
const catalogue = createCatalogue([Noted]);

/** The soak reads every log back from Redis; an entry that does not decode is counted, and the rest still read. */
describe('reading a session log back for the fault soak’s audit', () => {
  const prefix = testKeyPrefix('fault-log-reader');
  let redis: Redis;
  let store: RedisEventStore;
  beforeAll(() => {
    redis = new Redis(process.env['REDIS_URL']!);
    store = new RedisEventStore({ connection: redis, catalogue, keyPrefix: prefix });
  });
  afterAll(async () => {
    await deleteKeysMatching(redis, `${prefix}:*`);
    await redis.quit();
  });

  const note = (sessionId: string, text: string) => ({
    id: `${sessionId}-${text}`,
    type: 'Noted',
    stream: `notes/${sessionId}`,
    occurredAt: new Date().toISOString(),
    actor: { kind: 'system' as const, id: 'test' },
    causationId: text,
    correlationId: text,
    data: { text },
  });

  it('keeps an undecodable entry aside with its reason and reads on past it', async () => {
    const sessionId = formatSessionId(0, 'readerone');
    await store.append(sessionId, [note(sessionId, 'one'), note(sessionId, 'two'), note(sessionId, 'three')]);
    // Entry 4: a copy of entry 3 under a type the catalogue does not know, as a foreign writer might leave it.
    const keys = sessionKeys(prefix, sessionId);
    const [[, fields]] = (await redis.xrange(keys.log, '3-0', '3-0')) as [[string, string[]]];
    const foreign = fields.map((field, index) => (index > 0 && fields[index - 1] === 'type' ? 'NoSuchEvent' : field));
    await redis.xadd(keys.log, '4-0', ...foreign);
    await redis.hincrby(keys.meta, 'log', 1);
    await store.append(sessionId, [note(sessionId, 'five')]);

    const log = await readSessionLog(store, sessionId);

    expect(log.events.map((event) => event.position)).toEqual([1, 2, 3, 5]);
    expect(log.unreadable).toEqual([{ position: 4, reason: expect.stringContaining('NoSuchEvent') }]);
    expect(log.counter).toEqual({ before: 5, after: 5 });
    expect(auditSession(log, []).counts.corruptLogs).toBe(1);
  });
  it('reads a log that a late commit grows while it is read as whole, not as a counter ahead of its log', async () => {
    const sessionId = formatSessionId(0, 'readertwo');
    await store.append(sessionId, [note(sessionId, 'one'), note(sessionId, 'two')]);
    // A store whose first read lets another writer commit right after it: the log outgrows the page read.
    let lateCommit: Promise<unknown> | undefined;
    const growing = new Proxy(store, {
      get: (target, key) =>
        key === 'readLog'
          ? async (...args: Parameters<RedisEventStore['readLog']>) => {
              const page = await target.readLog(...args);
              lateCommit ??= target.append(sessionId, [note(sessionId, 'late')]);
              await lateCommit;
              return page;
            }
          : Reflect.get(target, key, target),
    });

    const log = await readSessionLog(growing, sessionId);

    expect(log.events.map((event) => event.position)).toEqual([1, 2]);
    expect(log.counter).toEqual({ before: 2, after: 3 });
    expect(auditSession(log, []).counts.corruptLogs).toBe(0);
  });
});
