import { BullMqTaskQueue } from '@aside/bullmq';
import { agent, createAgentRegistry } from '@aside/domain';
import { Gateway, type SessionProjection } from '@aside/engine';
import { asideCatalogue } from '@aside/events';
import { RedisEventStore, type StoredEvent } from '@aside/events/store';
import { ScriptedLlm, type ScriptedToolCall } from '@aside/llm';
import { processTools } from '../fixtures/process-tools.js';
import { eventually } from './eventually.js';
import { foldedReports, type FoldedReport } from './folded-reports.js';

/** An agent whose tools are the fixture tools; their bodies run on the runner processes only. */
const ops = agent({ name: 'ops', instructions: 'You run operations.', tools: processTools });

export interface ChatOutput {
  readonly callId: string;
  readonly output: string;
  readonly isError: boolean;
}

/**
 * The gateway side of distributed mode, in the test process: a real `Gateway` on the Redis event
 * store, sending its tasks to BullMQ and folding the runners' reports from the inbox of
 * partition 0 (where its one partition puts every session). The model is scripted: each
 * conversation's first request calls the tools the test names, every other request answers text.
 */
export class DistributedGateway {
  private constructor(
    readonly gateway: Gateway,
    private readonly llm: ScriptedLlm,
    private readonly store: RedisEventStore,
  ) {}

  static async start(redisUrl: string, prefix: string): Promise<DistributedGateway> {
    const llm = new ScriptedLlm([], { whenUnmatched: () => ({ text: 'Noted.' }) });
    const store = new RedisEventStore({ connection: redisUrl, catalogue: asideCatalogue, keyPrefix: prefix, subscriptionHeartbeatMs: 200 });
    const queue = new BullMqTaskQueue({ connection: redisUrl, prefix, partitions: [0], blockMs: 100, redeliveryDelayMs: 10, closeDeadlineMs: 1_000 });
    try {
      const gateway = await Gateway.start({ store, registry: createAgentRegistry([ops]), llm, partitions: 1, taskQueue: () => queue });
      return new DistributedGateway(gateway, llm, store);
    } catch (error) {
      await queue.close();
      await store.close();
      throw error;
    }
  }

  /** A new conversation whose first turn makes the model call these tools; resolves with the task id of each call, once requested. */
  async callTools(calls: readonly (ScriptedToolCall & { readonly callId: string })[]): Promise<{ readonly sessionId: string; readonly taskIds: readonly string[] }> {
    const { sessionId } = await this.gateway.createSession({ agent: 'ops', playout: 'instant' });
    this.llm.enqueue({ toolCalls: calls });
    await this.gateway.submitTurn(sessionId, { text: 'Go.' });
    const taskIds = await eventually(`${calls.length} task(s) requested`, async () => {
      const tasks = (await this.gateway.getSession(sessionId)).tasks;
      const ids = calls.map((call) => tasks.find((task) => task.callId === call.callId)?.taskId);
      return ids.every((id) => id !== undefined) ? (ids as string[]) : undefined;
    });
    return { sessionId, taskIds };
  }

  async auditLog(sessionId: string): Promise<StoredEvent[]> {
    const events: StoredEvent[] = [];
    for (let after = 0; ; ) {
      const page = await this.gateway.readEvents(sessionId, { after, limit: 1_000 });
      events.push(...page.events);
      if (page.next === null) return events;
      after = page.next;
    }
  }

  async reports(sessionId: string, taskId: string): Promise<FoldedReport[]> {
    return foldedReports(await this.auditLog(sessionId), taskId);
  }

  async task(sessionId: string, taskId: string): Promise<SessionProjection['tasks'][number]> {
    const task = (await this.gateway.getSession(sessionId)).tasks.find((candidate) => candidate.taskId === taskId);
    if (!task) throw new Error(`No task ${taskId} in ${sessionId}`);
    return task;
  }

  /** The function_call_output items of the conversation's chat, in order. */
  async outputs(sessionId: string): Promise<ChatOutput[]> {
    const activity = (await this.gateway.getSession(sessionId)).activities[0];
    return (activity?.chat ?? []).flatMap((item) => {
      const entry = item as { type: string } & ChatOutput;
      return entry.type === 'function_call_output' ? [{ callId: entry.callId, output: entry.output, isError: entry.isError }] : [];
    });
  }

  async close(): Promise<void> {
    await this.gateway.close({ graceMs: 0 });
    await this.store.close();
  }
}
