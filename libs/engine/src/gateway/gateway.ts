import { formatSessionId, parseSessionId, type Actor } from '@aside/events';
import type { EventStore, StoredEvent } from '@aside/events/store';
import { DomainError, runningTasks, type LiveAgentRegistry, type SessionState, type TemplateOverrides } from '@aside/domain';
import type { LlmPort } from '@aside/llm';
import { GatewayError, type CreateSessionInput, type GatewayApi, type SessionProjection } from '../api/gateway-api.js';
import { SessionHandle } from '../handle/session-handle.js';
import { PartitionNotOwnedError } from '../ownership/partition-not-owned-error.js';
import type { PartitionOwnership } from '../ownership/partition-ownership.js';
import { projectSession } from '../projection/session-projection.js';
import { silentLogger, type EngineLogger } from '../reactors/reactor-context.js';
import { SessionReactor } from '../reactors/session-reactor.js';
import { randomIds, systemClock, type Clock, type IdSource } from '../sessions/clock.js';
import { SessionEngine, type EngineCommand } from '../sessions/session-engine.js';
import type { GatewayToolHooks, TaskQueue, TaskReportMessage, ToolResolver } from '../task-queue/task-queue.js';
import { reachFaultPoint } from '../faults/fault-points.js';
import { agentTaskHooks } from './agent-task-runner.js';
import { PartitionTakeover } from './partition-takeover.js';
import { noWebhookSecret, parseLateResultsInput } from '../late-results/late-results-input.js';
import type { LateResultsOptions } from '../late-results/late-results-options.js';
import type { ClosedSessionIndex } from '../retention/closed-session-index.js';
import type { RetentionOptions } from '../retention/retention-options.js';
import { prepareGatewayServices, withServices, type GatewayServices } from './gateway-services.js';
import { logNotableEvents } from '../observability/notable-event-log.js';
import { ToolMocks, type MockImplementation } from './mock-tools.js';
import { listOpenSessions, type ListSessionsInput, type SessionList } from '../ownership/list-open-sessions.js';

/** Below the readiness controller's own deadline, so that `/readyz` still names each check. */
const STORE_PROBE_DEADLINE_MS = 1_500;

export interface GatewayOptions {
  readonly store: EventStore;
  readonly registry: LiveAgentRegistry;
  readonly llm: LlmPort;
  /** Builds the task queue with the gateway's tool resolver (mocks first) and hooks. */
  readonly taskQueue: (dependencies: { readonly resolveTool: ToolResolver; readonly hooks: GatewayToolHooks }) => TaskQueue;
  readonly templates?: TemplateOverrides;
  readonly clock?: Clock;
  readonly ids?: IdSource;
  readonly logger?: EngineLogger;
  /** This process, as the actor of the commands it sends. */
  readonly gatewayId?: string;
  /**
   * Which partitions this gateway serves (DESIGN.md §4). Default: it alone owns `partitions`
   * partitions (embedded mode, or a single distributed gateway).
   */
  readonly ownership?: PartitionOwnership;
  /** How many partitions session ids spread over, with the default ownership. Default 1. */
  readonly partitions?: number;
  /** A session is snapshotted every this many log events, so a new owner rebuilds it fast (0: never). Default 500. */
  readonly snapshotEvery?: number;
  readonly playoutTimeoutMs?: number;
  /** Late-result webhooks (signed, retried); without them a session asking for one is refused. */
  readonly lateResults?: LateResultsOptions;
  /** Archive and delete closed sessions after a period; without it they are kept for good. */
  readonly retention?: RetentionOptions;
  /** Where closed sessions are indexed for retention (kept up even while it is off). Default: in memory, with retention only. */
  readonly closedSessions?: ClosedSessionIndex;
}

/**
 * The gateway engine behind every transport: sessions as event-sourced aggregates on the store,
 * reactors on their logs, tool bodies on the task queue. It implements the transport-facing
 * `GatewayApi` and hands out session handles to code that hosts it.
 */
export class Gateway implements GatewayApi {
  readonly engine: SessionEngine;
  private readonly reactor: SessionReactor;
  private readonly queue: TaskQueue;
  private readonly mocks = new ToolMocks();
  private readonly actor: Actor;
  private readonly ids: IdSource;
  private readonly logger: EngineLogger;
  private readonly ownership: PartitionOwnership;
  /** Late-result webhooks and retention, when configured (`services.retention.sweep()` sweeps now). */
  readonly services: GatewayServices;

  private constructor(private readonly options: GatewayOptions) {
    this.ids = options.ids ?? randomIds;
    this.logger = options.logger ?? silentLogger;
    this.actor = { kind: 'gateway', id: options.gatewayId ?? 'gateway' };
    const clock = options.clock ?? systemClock;
    const prepared = prepareGatewayServices(options, clock);
    this.ownership = prepared.ownership;
    const context = {
      registry: options.registry,
      ...(options.templates ? { templates: options.templates } : {}),
      ...(prepared.lateResultPolicy ? { lateResultPolicy: prepared.lateResultPolicy } : {}),
    };
    this.engine = new SessionEngine(options.store, context, clock, {
      ownership: this.ownership,
      ...(options.snapshotEvery !== undefined ? { snapshotEvery: options.snapshotEvery } : {}),
      onBackgroundError: (error) => this.logger.warn({ err: error }, 'session snapshot not saved'),
    });
    this.services = prepared.attach({ engine: this.engine, store: options.store, actor: this.actor, logger: this.logger });
    this.queue = options.taskQueue({
      resolveTool: (job) => this.mocks.apply(job.agent, options.registry.toolDefinition(job.agent, job.toolName)),
      hooks: agentTaskHooks(this.engine, (sessionId, commandId, command) => this.execute(sessionId, commandId, command)),
    });
    this.reactor = new SessionReactor({
      engine: this.engine,
      store: options.store,
      registry: options.registry,
      llm: options.llm,
      queue: this.queue,
      logger: this.logger,
      actor: this.actor,
      playoutTimeoutMs: options.playoutTimeoutMs ?? 10_000,
    });
  }

  static async start(options: GatewayOptions): Promise<Gateway> {
    const gateway = new Gateway(options);
    await gateway.services.retention?.start(); // an archive that cannot be written fails the start, before anything opens
    await gateway.queue.start((report) => gateway.foldReport(report));
    gateway.engine.onCommitted((committed) => gateway.forgetIfClosed(committed.sessionId, committed.events));
    logNotableEvents(gateway.engine, gateway.logger);
    const { engine, reactor, queue, ownership, logger, services } = gateway;
    services.lateResults?.start();
    await ownership.start(withServices(new PartitionTakeover({ store: options.store, engine, reactor, queue, ownership, logger }), services));
    return gateway;
  }

  async createSession(input: CreateSessionInput): Promise<{ readonly sessionId: string }> {
    const lateResults = input.lateResults === undefined ? undefined : parseLateResultsInput(input.lateResults);
    // Refused rather than ignored: a caller relying on the webhook must know it would never fire.
    if (lateResults && !this.services.lateResults) throw noWebhookSecret();
    const agent = this.options.registry.agent(input.agent);
    if (!agent || agent.kind !== 'agent') {
      throw new GatewayError('UNKNOWN_AGENT', `No agent named "${input.agent}"`, { agent: input.agent, known: this.options.registry.agentNames() });
    }
    const partition = await this.partitionForNewSession(input.partition);
    const sessionId = formatSessionId(partition, this.ids().replace(/[^A-Za-z0-9]/g, '').slice(0, 24).padEnd(6, '0'));
    // Indexed before its first commit, so a later owner of the partition finds it.
    await this.ownership.trackSession(sessionId, partition);
    await this.execute(sessionId, `${sessionId}.start`, {
      type: 'StartSession',
      data: { sessionId, agent: agent.name, playout: input.playout ?? 'client', partition, ...(lateResults ? { lateResults } : {}) },
    });
    return { sessionId };
  }

  async submitTurn(sessionId: string, input: { readonly text: string; readonly commandId?: string }): Promise<{ readonly turnId: string }> {
    await this.activeState(sessionId);
    const turnId = input.commandId ?? this.ids();
    await this.execute(sessionId, turnId, { type: 'SubmitUserTurn', data: { text: input.text } }, { kind: 'user', id: sessionId });
    return { turnId };
  }

  async reportPlayout(sessionId: string, input: { readonly speechId: string; readonly status: 'played' | 'interrupted' }): Promise<void> {
    await this.activeState(sessionId);
    await this.execute(sessionId, `${input.speechId}.playout`, { type: 'ReportPlayout', data: input }, { kind: 'user', id: sessionId });
  }

  async setUserState(sessionId: string, input: { readonly speaking: boolean }): Promise<void> {
    await this.activeState(sessionId);
    await this.execute(sessionId, this.ids(), { type: 'ChangeUserState', data: { speaking: input.speaking } }, { kind: 'user', id: sessionId });
  }

  async getSession(sessionId: string): Promise<SessionProjection> {
    const { state, position } = await this.existing(sessionId);
    return projectSession(state, position);
  }

  async readEvents(sessionId: string, input: { readonly after: number; readonly limit: number }) {
    await this.existing(sessionId);
    return this.options.store.readLog(sessionId, input);
  }

  /** Ends after the session's close: nothing a client needs comes later (late results stay in the audit log). */
  async *streamEvents(sessionId: string, input: { readonly after: number; readonly signal: AbortSignal }): AsyncIterable<StoredEvent> {
    const { state, position } = await this.existing(sessionId);
    if (state.status === 'closed' && input.after >= position) return;
    for await (const event of this.options.store.subscribeToLog(sessionId, input)) {
      yield event;
      if (event.type === 'SessionClosed') return;
    }
  }

  async listSessions(input: ListSessionsInput): Promise<SessionList> {
    try {
      return await listOpenSessions(this.ownership, input);
    } catch (error) {
      this.logger.warn({ err: error }, 'session index unreadable');
      throw new GatewayError('UNAVAILABLE', 'The session index cannot be read now; try again shortly');
    }
  }

  async closeSession(sessionId: string): Promise<void> {
    const state = await this.existing(sessionId);
    if (state.state.status === 'closed') return;
    await this.execute(sessionId, `${sessionId}.close`, { type: 'CloseSession', data: { reason: 'client' } });
  }

  /**
   * `/readyz`: the event store answers (within `STORE_PROBE_DEADLINE_MS`) and, in distributed
   * mode, the task queue is connected with every inbox consumer attached (`taskQueue`). Holding
   * partitions is not part of it (a gateway with none still serves and redirects).
   */
  async readiness(): Promise<{ readonly ready: boolean; readonly checks: Readonly<Record<string, string>> }> {
    const [eventStore, taskQueue] = await Promise.all([this.eventStoreReadiness(), this.queue.readiness?.()]);
    const checks: Record<string, string> = { eventStore };
    if (taskQueue !== undefined) checks['taskQueue'] = taskQueue.detail;
    return { ready: eventStore === 'ok' && (taskQueue?.ready ?? true), checks };
  }

  private async eventStoreReadiness(): Promise<string> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const probe = this.options.store.logPosition(formatSessionId(0, 'readinessprobe')).then(
      () => 'ok',
      (error: unknown) => {
        // /readyz is open to anyone: the detail (hosts, ports) goes to the log only.
        this.logger.warn({ err: error }, 'event store unreachable');
        return 'unreachable';
      },
    );
    // A Redis client queues commands while it reconnects: without a deadline the probe would hang.
    const deadline = new Promise<string>((resolve) => (timer = setTimeout(() => resolve(`no answer within ${STORE_PROBE_DEADLINE_MS} ms`), STORE_PROBE_DEADLINE_MS)));
    try {
      return await Promise.race([probe, deadline]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** The handle code that hosts the gateway uses: waitForIdle, generateReply, interrupt, close, tasks. */
  session(sessionId: string): SessionHandle {
    return new SessionHandle(sessionId, this.engine, (id, commandId, command) => this.execute(id, commandId, command), this.ids);
  }

  /** Replaces tool bodies of an agent (tests; SEMANTICS §9). */
  mockTools(agent: string, implementations: Readonly<Record<string, MockImplementation>>): void {
    this.mocks.set(agent, implementations);
  }

  /**
   * Resolves when nothing the session's log asked for is still being done: every reaction has
   * run and (with `tasks`) no task is running. A test's turn is quiescent then.
   */
  async whenQuiet(sessionId: string, options: { readonly tasks?: boolean } = {}): Promise<SessionState> {
    for (;;) {
      const { position } = await this.engine.snapshot(sessionId);
      await this.reactor.settled(sessionId, position);
      const after = await this.engine.snapshot(sessionId);
      if (after.position !== position) continue;
      if (options.tasks && runningTasks(after.state).length > 0) {
        await new Promise<void>((resolve) => {
          const stop = this.engine.onCommitted((committed) => {
            if (committed.sessionId !== sessionId) return;
            stop();
            resolve();
          });
        });
        continue;
      }
      return after.state;
    }
  }

  /**
   * Hands the partitions over (distributed mode: the next gateway takes them at once), then
   * stops taking work; in-process tool bodies still running after the grace period are aborted.
   */
  async close(options: { readonly graceMs?: number } = {}): Promise<void> {
    // Retention first: no sweep may still delete once the next owner appends.
    await this.services.retention?.close();
    await this.services.lateResults?.close();
    await this.ownership.close();
    await this.queue.close(options.graceMs);
    await this.reactor.close();
  }

  private forgetIfClosed(sessionId: string, events: readonly { readonly type: string }[]): void {
    if (!events.some((event) => event.type === 'SessionClosed')) return;
    // A closed session is rarely read again: no cached state for it (it reloads from the log if asked).
    this.engine.evict(sessionId);
    const partition = parseSessionId(sessionId)!.partition;
    this.ownership.untrackSession(sessionId, partition).catch((error: unknown) => this.logger.warn({ sessionId, err: error }, 'closed session not untracked'));
  }

  private async foldReport(message: TaskReportMessage): Promise<void> {
    const { taskId, attempt, seq, report } = message;
    try {
      const committed = await this.engine.execute(message.sessionId, {
        type: 'FoldReport',
        data: { taskId, attempt, seq, report },
        metadata: { commandId: `${taskId}.${attempt}.${seq}`, actor: { kind: 'runner', id: 'in-process' }, correlationId: taskId },
      });
      // Before the report is acknowledged: a late result's session must be findable after a crash.
      await this.services.lateResults?.track(message.sessionId, committed.state);
      reachFaultPoint('gateway.after-fold-commit');
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      this.logger.warn({ sessionId: message.sessionId, taskId, attempt, seq, code: error.code }, `report refused: ${error.message}`);
    }
  }

  private async execute(sessionId: string, commandId: string, command: Omit<EngineCommand, 'metadata'>, actor: Actor = this.actor): Promise<void> {
    try {
      await this.engine.execute(sessionId, { ...command, metadata: { commandId, actor, correlationId: commandId } } as EngineCommand);
    } catch (error) {
      if (error instanceof DomainError) throw new GatewayError('CONFLICT', error.message, { code: error.code });
      if (error instanceof PartitionNotOwnedError) throw await this.notOwned(sessionId, error.reason);
      throw error;
    }
    this.reactor.watch(sessionId);
  }

  /** The asked partition when this gateway owns it; otherwise any partition it owns. */
  private async partitionForNewSession(asked: number | undefined): Promise<number> {
    if (asked !== undefined) {
      if (!Number.isInteger(asked) || asked < 0 || asked >= this.ownership.partitionCount) throw new GatewayError('INVALID_REQUEST', `No partition ${asked}`);
      if (this.ownership.tokenFor(asked) !== undefined) return asked;
      const owner = await this.ownership.ownerOf(asked).catch(() => undefined);
      throw new GatewayError('NOT_OWNER', `Partition ${asked} is served by another gateway`, {
        partition: asked,
        ...(owner ? { owner: owner.gatewayId, ...(owner.url ? { ownerUrl: owner.url } : {}) } : {}),
      });
    }
    const owned = this.ownership.owned();
    if (owned.length === 0) throw new GatewayError('UNAVAILABLE', 'This gateway owns no partition yet; try again shortly');
    return owned[Math.floor(Math.random() * owned.length)]!;
  }

  /** Another gateway serves the session: the transport redirects the client there. */
  private async notOwned(sessionId: string, reason: 'lease' | 'fenced' = 'lease'): Promise<GatewayError> {
    const partition = parseSessionId(sessionId)!.partition;
    const owner = await this.ownership.ownerOf(partition).catch(() => undefined);
    return new GatewayError('NOT_OWNER', `Session ${sessionId} is served by another gateway`, {
      partition,
      reason,
      ...(owner ? { owner: owner.gatewayId, ...(owner.url ? { ownerUrl: owner.url } : {}) } : {}),
    });
  }

  private async existing(sessionId: string) {
    const partition = parseSessionId(sessionId)?.partition;
    // A partition beyond the deployment's names no session anywhere: not found, rather than a
    // 503 "served by another gateway" that a client would retry for ever.
    if (partition === undefined || partition >= this.ownership.partitionCount) throw new GatewayError('SESSION_NOT_FOUND', `No session ${sessionId}`);
    if (this.ownership.tokenFor(partition) === undefined) throw await this.notOwned(sessionId);
    const snapshot = await this.engine.snapshot(sessionId);
    if (snapshot.state.status === 'none') {
      this.engine.evict(sessionId);
      throw new GatewayError('SESSION_NOT_FOUND', `No session ${sessionId}`);
    }
    if (snapshot.state.status === 'active') this.reactor.watch(sessionId);
    return snapshot;
  }

  private async activeState(sessionId: string): Promise<SessionState> {
    const { state } = await this.existing(sessionId);
    if (state.status === 'closed') throw new GatewayError('SESSION_CLOSED', `Session ${sessionId} is closed`);
    return state;
  }
}
