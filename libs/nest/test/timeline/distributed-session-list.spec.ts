import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { agent } from '@aside/domain';
import { ScriptedLlm } from '@aside/llm';
import { eventually, testKeyPrefix } from '@aside/testing';
import { createGateway, type OpenedGateway } from '../../src/index.js';

/** The session list in distributed mode: every partition's set of open sessions in Redis. */
describe('listing the open sessions of a distributed deployment', () => {
  let opened: OpenedGateway;

  beforeAll(async () => {
    Logger.overrideLogger(false); // no app here: the gateway's lease and partition lines would go to the console
    opened = await createGateway({
      agents: [agent({ name: 'greeter', instructions: 'Greet.' })],
      llm: new ScriptedLlm([], { whenUnmatched: () => ({ text: 'Hello!' }) }),
      redis: { connection: process.env['REDIS_URL']!, prefix: testKeyPrefix('session-list'), partitions: 3, queue: { blockMs: 100, closeDeadlineMs: 500 } },
    });
  });
  afterAll(async () => {
    await opened?.close({ graceMs: 0 });
  });

  it('lists the sessions of every partition from Redis, sorted by id, until they close', async () => {
    const { gateway } = opened;
    await eventually('this gateway holds every partition', async () => (await gateway.listSessions({ limit: 1 })) && [0, 1, 2].every((p) => opened.partitions.tokenFor(p) !== undefined));
    const ids: string[] = [];
    for (const partition of [0, 1, 2, 2]) ids.push((await gateway.createSession({ agent: 'greeter', playout: 'instant', partition })).sessionId);

    const listed = await gateway.listSessions({ limit: 100 });
    expect(listed).toEqual({
      sessions: [...ids].sort().map((sessionId) => ({ sessionId, partition: Number(sessionId.split('-')[1]), owned: true })),
      truncated: false,
    });
    expect((await gateway.listSessions({ search: ids[1]!.slice(-12), limit: 100 })).sessions.map((session) => session.sessionId)).toEqual([ids[1]]);

    await gateway.closeSession(ids[3]!);
    await eventually('the closed session is untracked', async () => !(await gateway.listSessions({ limit: 100 })).sessions.some((session) => session.sessionId === ids[3]));
    expect((await gateway.listSessions({ limit: 2 })).truncated).toBe(true);
  });
});
