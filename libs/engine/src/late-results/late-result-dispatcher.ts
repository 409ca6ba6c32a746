import { parseSessionId, type Actor } from '@aside/events';
import { DomainError, pendingLateDeliveries, type LateDeliveryState, type SessionState } from '@aside/domain';
import { PartitionNotOwnedError } from '../ownership/partition-not-owned-error.js';
import type { PartitionOwnership } from '../ownership/partition-ownership.js';
import type { EngineLogger } from '../reactors/reactor-context.js';
import type { Clock } from '../sessions/clock.js';
import type { SessionEngine } from '../sessions/session-engine.js';
import { errorMessage } from '../task-queue/in-process/error-detail.js';
import { lateResultPayload } from './late-result-payload.js';
import { InMemoryLateResultOutbox, type LateResultOutbox } from './late-result-outbox.js';
import type { LateResultsSettings } from './late-results-options.js';
import { WebhookSender } from './webhook-sender.js';

export interface LateResultDispatcherParts {
  readonly engine: SessionEngine;
  readonly ownership: Pick<PartitionOwnership, 'tokenFor' | 'owned'>;
  readonly clock: Clock;
  readonly logger: EngineLogger;
  readonly actor: Actor;
  readonly settings: LateResultsSettings;
  readonly outbox?: LateResultOutbox;
}

/** setTimeout's limit; a later due time is simply looked at again then. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * POSTs late results to their session's webhook (DESIGN.md §4) — for the sessions of the
 * partitions this gateway owns only. The log is the outbox: `LateResultQueued` says what to
 * send, each attempt's outcome is recorded (`RecordLateResultAttempt`, decided by the domain:
 * delivered, retry at…, abandoned), and the next attempt is scheduled from the recorded due
 * time. A crash or a takeover loses nothing: the next owner finds the session in the outbox
 * index, reads the log and makes the attempt that was not recorded (same delivery id, same
 * bytes — delivery is at least once, receivers deduplicate on the idempotency key).
 */
export class LateResultDispatcher {
  readonly outbox: LateResultOutbox;
  private readonly sender: WebhookSender;
  private readonly timers = new Map<string, { readonly sessionId: string; readonly timer: NodeJS.Timeout }>();
  private readonly inFlight = new Map<string, { readonly sessionId: string; readonly controller: AbortController; readonly done: Promise<void> }>();
  private readonly idleWaiters = new Set<() => void>();
  private rescan: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(private readonly parts: LateResultDispatcherParts) {
    this.outbox = parts.outbox ?? new InMemoryLateResultOutbox();
    this.sender = new WebhookSender(parts.settings.secret, parts.settings.timeoutMs, parts.clock);
  }

  start(): void {
    this.rescan = setInterval(() => {
      for (const partition of this.parts.ownership.owned()) void this.acquired(partition);
    }, this.parts.settings.rescanEveryMs);
    this.rescan.unref();
  }

  /**
   * After a fold: a session with deliveries pending is put in the outbox index before this
   * resolves — the report is acknowledged only then, so a crash in between folds it again (a
   * duplicate commit, the same state) and comes back here — and its deliveries are scheduled.
   */
  async track(sessionId: string, state: SessionState): Promise<void> {
    const pending = pendingLateDeliveries(state);
    if (pending.length === 0 || this.closed) return;
    await this.outbox.add(sessionId, partitionOf(sessionId));
    for (const delivery of pending) this.schedule(sessionId, delivery);
  }

  /** The partition is ours: resume every delivery its outbox index names. Never rejects. */
  async acquired(partition: number): Promise<void> {
    try {
      for (const sessionId of await this.outbox.sessionsOf(partition)) {
        if (this.closed || this.parts.ownership.tokenFor(partition) === undefined) return;
        await this.follow(sessionId, await this.parts.engine.state(sessionId));
      }
    } catch (error) {
      this.parts.logger.warn({ partition, err: error }, 'late results of the partition not resumed; looked for again later');
    }
  }

  /** The partition is no longer ours: stop; an attempt in flight is abandoned unrecorded (the next owner makes it). */
  async lost(partition: number): Promise<void> {
    await this.stop((sessionId) => partitionOf(sessionId) === partition);
  }

  /** Resolves once no attempt is due or in flight, the outbox index updated (tests; a shutdown uses close()). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0 || this.timers.size > 0) {
      if (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight.values()].map((attempt) => attempt.done));
      else await new Promise<void>((resolve) => this.idleWaiters.add(resolve));
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.rescan);
    await this.stop(() => true);
  }

  private async stop(which: (sessionId: string) => boolean): Promise<void> {
    for (const [deliveryId, { sessionId, timer }] of this.timers) {
      if (!which(sessionId)) continue;
      clearTimeout(timer);
      this.timers.delete(deliveryId);
    }
    for (const wake of this.idleWaiters) wake();
    this.idleWaiters.clear();
    const stopping = [...this.inFlight.values()].filter((attempt) => which(attempt.sessionId));
    for (const attempt of stopping) attempt.controller.abort();
    await Promise.allSettled(stopping.map((attempt) => attempt.done));
  }

  /** Schedules what is pending, or — nothing left — takes the session out of the outbox index. */
  private async follow(sessionId: string, state: SessionState): Promise<void> {
    const pending = pendingLateDeliveries(state);
    for (const delivery of pending) this.schedule(sessionId, delivery);
    if (pending.length > 0) return;
    // In the session's turn: a fold that queues a new late result cannot slip in between the
    // check and the removal (its own `track` adds the session back after its commit).
    await this.parts.engine.exclusively(sessionId, async ({ state: latest }) => {
      if (pendingLateDeliveries(latest).length > 0) return;
      await this.outbox.remove(sessionId, partitionOf(sessionId));
      // Like any closed session, it need not stay in the engine's cache (it reloads if asked).
      if (latest.status === 'closed') this.parts.engine.evict(sessionId);
    });
  }

  private schedule(sessionId: string, delivery: LateDeliveryState): void {
    const { deliveryId } = delivery;
    if (this.closed || this.timers.has(deliveryId) || this.inFlight.has(deliveryId)) return;
    const dueIn = Date.parse(delivery.dueAt ?? delivery.occurredAt) - this.parts.clock.now().getTime();
    const timer = setTimeout(() => {
      this.timers.delete(deliveryId);
      this.run(sessionId, deliveryId);
    }, Math.min(Math.max(0, dueIn), MAX_TIMER_MS));
    timer.unref();
    this.timers.set(deliveryId, { sessionId, timer });
  }

  private run(sessionId: string, deliveryId: string): void {
    const controller = new AbortController();
    const done = this.attempt(sessionId, deliveryId, controller.signal)
      .then(async (state) => {
        this.inFlight.delete(deliveryId);
        if (state !== undefined && !this.closed) await this.follow(sessionId, state);
      })
      .catch((error: unknown) => {
        this.inFlight.delete(deliveryId);
        this.parts.logger.error({ sessionId, deliveryId, err: error }, 'late-result attempt failed unexpectedly; retried on the next rescan');
      });
    this.inFlight.set(deliveryId, { sessionId, controller, done });
    for (const wake of this.idleWaiters) wake();
    this.idleWaiters.clear();
  }

  /** One POST and its recorded outcome; the session's state after it, or undefined when this gateway stopped acting for it. */
  private async attempt(sessionId: string, deliveryId: string, signal: AbortSignal): Promise<SessionState | undefined> {
    const { engine, ownership, clock, logger, actor } = this.parts;
    if (ownership.tokenFor(partitionOf(sessionId)) === undefined) return undefined;
    const state = await engine.state(sessionId);
    const delivery = state.lateDeliveries[deliveryId];
    if (delivery?.status !== 'pending' || state.lateResults === null) return state;
    if (delivery.dueAt !== null && Date.parse(delivery.dueAt) > clock.now().getTime()) return state; // woken early: follow() reschedules
    const attempt = delivery.attempts + 1;
    const outcome = await this.sender.send({ url: state.lateResults.webhook, body: lateResultPayload(sessionId, delivery), deliveryId, attempt, signal });
    if (signal.aborted) return undefined;
    const fields = { sessionId, deliveryId, attempt };
    if (outcome.type === 'delivered') logger.info({ ...fields, status: outcome.status }, 'late result delivered');
    else logger.warn({ ...fields, failure: outcome.failure }, 'late-result webhook attempt failed');
    try {
      const committed = await engine.execute(sessionId, {
        type: 'RecordLateResultAttempt',
        data: { deliveryId, attempt, outcome },
        metadata: { commandId: `${deliveryId}.${attempt}`, actor, correlationId: deliveryId },
      });
      const settled = committed.state.lateDeliveries[deliveryId];
      if (settled?.status === 'abandoned') logger.warn({ ...fields }, 'late result abandoned');
      return committed.state;
    } catch (error) {
      if (error instanceof PartitionNotOwnedError) return undefined;
      if (!(error instanceof DomainError)) throw error;
      logger.info({ ...fields, code: error.code }, `late-result attempt not recorded: ${errorMessage(error)}`);
      return engine.state(sessionId);
    }
  }
}

function partitionOf(sessionId: string): number {
  return parseSessionId(sessionId)?.partition ?? -1;
}
