import { afterEach, describe, expect, it } from '@jest/globals';
import type { AnyToolDefinition } from '@aside/domain';
import { BullMqTaskQueue, RedisPartitionLeases, ToolRunnerWorker } from '@aside/bullmq';
import { Gateway, GatewayError } from '@aside/engine';
import { asideCatalogue } from '@aside/events';
import { RedisEventStore } from '@aside/events/store';
import { ScriptedLlm, type ScriptStep } from '@aside/llm';
import { eventually, testKeyPrefix } from '@aside/testing';
import { auditLog, deliveriesIn, gate, outputsOf } from '../scenarios/scenario-harness.js';
import { scenarioRegistry, searchFlights } from '../scenarios/scenario-agents.js';

const redisUrl = (): string => process.env['REDIS_URL'] ?? '';
const LEASE_TTL_MS = 600;

/** Two gateways and a runner on one Redis, one partition between the gateways (DESIGN.md §4). */
class Deployment {
  readonly prefix = testKeyPrefix('takeover');
  private readonly closers: (() => Promise<void>)[] = [];

  async gateway(gatewayId: string, script: readonly ScriptStep[], leases: { renewEveryMs?: number } = {}): Promise<{ gateway: Gateway; llm: ScriptedLlm; store: RedisEventStore }> {
    const llm = new ScriptedLlm([...script]);
    const store = new RedisEventStore({ connection: redisUrl(), catalogue: asideCatalogue, keyPrefix: this.prefix, subscriptionHeartbeatMs: 100 });
    const gateway = await Gateway.start({
      store,
      registry: scenarioRegistry(),
      llm,
      gatewayId,
      ownership: new RedisPartitionLeases({ connection: redisUrl(), prefix: this.prefix, partitions: 1, gatewayId, url: `http://${gatewayId}.test:3000`, leaseTtlMs: LEASE_TTL_MS, renewEveryMs: 100, ...leases }),
      taskQueue: () => new BullMqTaskQueue({ connection: redisUrl(), prefix: this.prefix, partitions: [], blockMs: 100, redeliveryDelayMs: 10, reclaimIdleMs: 500, closeDeadlineMs: 1_000 }),
    });
    this.closers.push(async () => {
      await gateway.close({ graceMs: 0 });
      await store.close();
    });
    return { gateway, llm, store };
  }

  async runner(tools: readonly AnyToolDefinition[]): Promise<void> {
    const runner = new ToolRunnerWorker({ connection: redisUrl(), prefix: this.prefix, resolveTool: (job) => tools.find((candidate) => candidate.name === job.toolName), closeDeadlineMs: 1_000 });
    this.closers.unshift(() => runner.close(0));
    await runner.start();
  }

  async close(): Promise<void> {
    for (const close of this.closers.splice(0)) await close().catch(() => undefined);
  }
}

/** search_flights on the runner: goes async, then waits for the test. */
function gatedSearch() {
  const release = gate();
  const definition = { ...searchFlights, execute: async (_args: unknown, ctx: { update(message: string): Promise<void> }) => {
    await ctx.update('searching');
    await release.promise;
    return '42';
  } } as unknown as AnyToolDefinition;
  return { definition, release };
}

const call = (callId: string, name: string, args: Record<string, unknown> = {}) => ({ toolCalls: [{ callId, name, arguments: args }] });

describe('partition takeover between gateways', () => {
  let deployment: Deployment;
  afterEach(() => deployment.close());

  it('hands a partition over on close: the successor folds the running task\'s result and delivers it exactly once', async () => {
    deployment = new Deployment();
    const search = gatedSearch();
    await deployment.runner([search.definition]);
    const a = await deployment.gateway('a', [call('c1', 'search_flights', { city: 'Lisbon' }), { text: 'Sure, searching now.' }]);
    const b = await deployment.gateway('b', [{ text: 'By the way, I found 42 flights.' }]);
    const { sessionId } = await a.gateway.createSession({ agent: 'travel', playout: 'instant' });
    await a.gateway.submitTurn(sessionId, { text: 'flights to Lisbon?' });
    // The task went async on the runner and the acknowledgement was spoken.
    await eventually('the acknowledgement spoken', async () => (await auditLog(a.gateway, sessionId)).some((event) => event.type === 'SpeechFinished'));
    await a.gateway.whenQuiet(sessionId);
    await expect(b.gateway.getSession(sessionId)).rejects.toMatchObject({ code: 'NOT_OWNER', details: { ownerUrl: 'http://a.test:3000' } });

    await a.gateway.close({ graceMs: 0 }); // SIGTERM: hand the partition over
    await eventually('b serves the session', async () => b.gateway.getSession(sessionId).then(() => true, () => false));
    search.release.open();
    await eventually('the result delivered once', async () => deliveriesIn(await auditLog(b.gateway, sessionId)).length === 1 && (await b.gateway.whenQuiet(sessionId, { tasks: true })) !== undefined);

    const session = await b.gateway.getSession(sessionId);
    expect(outputsOf(session).at(-1)).toEqual({ callId: 'c1_finished', output: '42', isError: false });
    const log = await auditLog(b.gateway, sessionId);
    expect(log.map((event) => event.position)).toEqual(log.map((_, i) => i + 1));
    expect(log.filter((event) => event.type === 'ReplyDeliveryStarted')).toHaveLength(1);
    expect(log.filter((event) => event.type === 'ReplyGenerated')).toHaveLength(1);
    expect(log.filter((event) => event.type === 'TaskSucceeded')).toHaveLength(1);
    expect(b.llm.requests).toHaveLength(1);
    expect(b.llm.requests[0]?.instructions).toContain('[c1_finished]');
  });

  it('takes a silent owner\'s partition over after its lease expired; the old owner refuses to serve it and points at the new one', async () => {
    deployment = new Deployment();
    // Renews once, then never again: a paused (SIGSTOPped) process, as far as the others can tell.
    const a = await deployment.gateway('a', [], { renewEveryMs: 60_000 });
    const { sessionId } = await a.gateway.createSession({ agent: 'travel', playout: 'instant' });
    const b = await deployment.gateway('b', [{ text: 'Hello from b.' }]);

    await eventually('b took the partition over', async () => b.gateway.getSession(sessionId).then(() => true, () => false), { timeoutMs: 3 * LEASE_TTL_MS + 2_000 });
    const refused = await a.gateway.submitTurn(sessionId, { text: 'still there?' }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(GatewayError);
    expect(refused).toMatchObject({ code: 'NOT_OWNER', details: { owner: 'b', ownerUrl: 'http://b.test:3000' } });

    await b.gateway.submitTurn(sessionId, { text: 'hello?' });
    await b.gateway.whenQuiet(sessionId);
    const log = await auditLog(b.gateway, sessionId);
    expect(log.map((event) => event.position)).toEqual(log.map((_, i) => i + 1));
    const userTexts = log.flatMap((event) => {
      const item = (event.data as { item?: { role?: string; text?: string } }).item;
      return event.type === 'ChatItemAdded' && item?.role === 'user' ? [item.text] : [];
    });
    expect(userTexts).toEqual(['hello?']); // nothing of the old owner's
    expect(b.llm.requests).toHaveLength(1);
  });
});
