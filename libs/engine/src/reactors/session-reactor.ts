import { setTimeout as sleep } from 'node:timers/promises';
import { CorruptEventError, SessionDeletedError, type StoredEvent } from '@aside/events/store';
import type { AsideEventData } from '@aside/events';
import { DomainError, findTask, isTerminal } from '@aside/domain';
import { collect } from '@aside/llm';
import type { EngineCommand } from '../sessions/session-engine.js';
import { llmRequestFor } from './llm-request.js';
import type { ReactorContext } from './reactor-context.js';
import { reachFaultPoint } from '../faults/fault-points.js';
import { ToolsetLifecycle } from './toolset-lifecycle.js';

/** A log subscription that failed is opened again after 200 ms, doubling up to 5 s while it keeps failing. */
const RESUBSCRIBE_BASE_MS = 100;
const RESUBSCRIBE_MAX_MS = 5_000;

interface Watch {
  readonly controller: AbortController;
  /** The last log position this reactor has handled. */
  processed: number;
  /** Reactions started but not finished (LLM calls). */
  readonly inFlight: Set<Promise<void>>;
  readonly playoutTimers: Map<string, NodeJS.Timeout>;
  readonly settledWaiters: Set<() => void>;
}

/**
 * The shell's side effects, driven by the session log — the log is the outbox (DESIGN.md §3):
 * a requested generation or deferred reply calls the LLM, a requested task is enqueued, a
 * cancel reaches the queue, a speech with client playout gets its timeout. Every reaction checks
 * the current state first and sends commands with ids derived from the event it answers, so
 * reading the log again (after a restart) repeats nothing.
 */
export class SessionReactor {
  private readonly watches = new Map<string, Watch>();
  private readonly toolsets: ToolsetLifecycle;

  constructor(private readonly context: ReactorContext) {
    this.toolsets = new ToolsetLifecycle(context.registry, context.logger);
  }

  /** Starts following a session's log from its beginning (idempotent). */
  watch(sessionId: string): void {
    if (this.watches.has(sessionId)) return;
    const watch: Watch = { controller: new AbortController(), processed: 0, inFlight: new Set(), playoutTimers: new Map(), settledWaiters: new Set() };
    this.watches.set(sessionId, watch);
    void this.follow(sessionId, watch);
  }

  /** The sessions followed now. */
  watchedSessions(): readonly string[] {
    return [...this.watches.keys()];
  }

  /** Stops following a session (its timers too). */
  unwatch(sessionId: string): void {
    const watch = this.watches.get(sessionId);
    if (!watch) return;
    watch.controller.abort();
    for (const timer of watch.playoutTimers.values()) clearTimeout(timer);
    this.watches.delete(sessionId);
    this.wakeSettledWaiters(watch);
  }

  /**
   * Resolves once the reactor has handled the log up to `position` and no reaction is in
   * flight: nothing the log asked for is still being done.
   */
  async settled(sessionId: string, position: number): Promise<void> {
    const watch = this.watches.get(sessionId);
    if (!watch) return;
    while (watch.processed < position || watch.inFlight.size > 0) {
      if (watch.inFlight.size > 0) await Promise.allSettled([...watch.inFlight]);
      else await new Promise<void>((resolve) => watch.settledWaiters.add(resolve));
      if (!this.watches.has(sessionId)) return;
    }
  }

  async close(): Promise<void> {
    const pending = [...this.watches.values()].flatMap((watch) => [...watch.inFlight]);
    for (const sessionId of [...this.watches.keys()]) this.unwatch(sessionId);
    await Promise.allSettled(pending);
    await this.toolsets.closeAll();
  }

  /**
   * Follows the session's log until it closes or the watch ends. A subscription that fails (its
   * connection lost while Redis restarts) is opened again after the last event handled: folds
   * keep committing without any client command that would watch the session again, and a
   * result folded then must still be delivered.
   */
  private async follow(sessionId: string, watch: Watch): Promise<void> {
    const { signal } = watch.controller;
    for (let failures = 0; !signal.aborted; ) {
      try {
        await this.followFrom(sessionId, watch, () => (failures = 0));
        break; // the session closed, the watch ended, or the store closed
      } catch (error) {
        if (signal.aborted) break;
        if (error instanceof CorruptEventError || error instanceof SessionDeletedError) {
          // Reading again cannot help: the log itself is the problem.
          this.context.logger.error({ sessionId, err: error }, 'session log subscription ended');
          break;
        }
        failures += 1;
        this.context.logger.warn({ sessionId, after: watch.processed, failures, err: error }, 'session log subscription failed; following it again');
        await sleep(Math.min(RESUBSCRIBE_BASE_MS * 2 ** failures, RESUBSCRIBE_MAX_MS), undefined, { signal }).catch(() => undefined);
      }
    }
    // A closed session asks for nothing more (its cancels precede SessionClosed in the log):
    // finish what is in flight, then forget it.
    await Promise.allSettled([...watch.inFlight]);
    if (this.watches.get(sessionId) === watch) this.unwatch(sessionId);
  }

  /** Reacts to each event after the last one handled, until the session closes or the subscription ends. */
  private async followFrom(sessionId: string, watch: Watch, onEvent: () => void): Promise<void> {
    for await (const event of this.context.store.subscribeToLog(sessionId, { after: watch.processed, signal: watch.controller.signal })) {
      onEvent();
      try {
        await this.react(sessionId, event, watch);
      } catch (error) {
        this.context.logger.error({ sessionId, position: event.position, type: event.type, err: error }, 'reaction failed');
      }
      watch.processed = event.position;
      this.wakeSettledWaiters(watch);
      if (event.type === 'SessionClosed') return;
    }
  }

  private async react(sessionId: string, event: StoredEvent, watch: Watch): Promise<void> {
    switch (event.type) {
      case 'GenerationRequested':
        return this.track(watch, this.generate(sessionId, event, event.data as AsideEventData<'GenerationRequested'>));
      case 'ReplyDeliveryStarted':
        return this.track(watch, this.deliver(sessionId, event, event.data as AsideEventData<'ReplyDeliveryStarted'>));
      case 'TaskRequested':
        return this.enqueue(sessionId, event.data as AsideEventData<'TaskRequested'>);
      case 'TaskCancelRequested':
        return this.context.queue.cancel((event.data as AsideEventData<'TaskCancelRequested'>).taskId);
      case 'SpeechStarted':
        return this.startPlayoutTimer(sessionId, event, (event.data as AsideEventData<'SpeechStarted'>).speechId, watch);
      case 'ActivityStarted':
      case 'ActivityClosed':
      case 'SessionClosed':
        return this.toolsets.react(sessionId, event, await this.context.engine.state(sessionId));
      case 'SpeechFinished': {
        const speechId = (event.data as AsideEventData<'SpeechFinished'>).speechId;
        clearTimeout(watch.playoutTimers.get(speechId));
        watch.playoutTimers.delete(speechId);
        return;
      }
      default:
        return;
    }
  }

  private async generate(sessionId: string, event: StoredEvent, data: AsideEventData<'GenerationRequested'>): Promise<void> {
    const state = await this.context.engine.state(sessionId);
    const activityId = activityOf(event);
    if (state.activities[activityId]?.generations[data.generationId]?.status !== 'requested') return;
    const request = llmRequestFor(state, this.context.registry, activityId, { tools: data.tools, toolChoice: data.toolChoice, instructions: data.instructions });
    try {
      const answer = await collect(this.context.llm.stream(request));
      if (answer.droppedMessages) {
        this.context.logger.warn({ sessionId, generationId: data.generationId, dropped: answer.droppedMessages }, 'chat context trimmed to fit the model context window');
      }
      await this.send(sessionId, event, `${data.generationId}.completed`, {
        type: 'CompleteGeneration',
        data: { generationId: data.generationId, text: answer.text, toolCalls: answer.toolCalls.map(({ callId, name, arguments: args }) => ({ callId, name, arguments: args })) },
      });
    } catch (error) {
      if (error instanceof DomainError) throw error;
      this.context.logger.warn({ sessionId, generationId: data.generationId, err: error }, 'LLM generation failed');
      await this.send(sessionId, event, `${data.generationId}.failed`, {
        type: 'FailGeneration',
        data: { generationId: data.generationId, message: (error as Error).message },
      });
    }
  }

  private async deliver(sessionId: string, event: StoredEvent, data: AsideEventData<'ReplyDeliveryStarted'>): Promise<void> {
    const state = await this.context.engine.state(sessionId);
    if (state.deliveries[data.deliveryId]?.status !== 'generating') return;
    reachFaultPoint('gateway.after-delivery-started');
    const activity = state.activities[data.activityId];
    const tools = activity ? (this.context.registry.agent(activity.agent)?.tools.map((tool) => tool.name) ?? []) : [];
    const request = llmRequestFor(state, this.context.registry, data.activityId, {
      tools,
      toolChoice: data.toolChoice,
      instructions: data.instructions,
      extraItems: data.foreignItems,
    });
    try {
      const answer = await collect(this.context.llm.stream(request));
      await this.send(sessionId, event, `${data.deliveryId}.reply`, { type: 'RecordReply', data: { deliveryId: data.deliveryId, text: answer.text } });
    } catch (error) {
      if (error instanceof DomainError) throw error;
      this.context.logger.warn({ sessionId, deliveryId: data.deliveryId, err: error }, 'deferred reply generation failed');
      await this.send(sessionId, event, `${data.deliveryId}.failed`, { type: 'FailReply', data: { deliveryId: data.deliveryId, message: (error as Error).message } });
    }
  }

  private async enqueue(sessionId: string, data: AsideEventData<'TaskRequested'>): Promise<void> {
    const task = findTask(await this.context.engine.state(sessionId), data.taskId);
    if (!task || isTerminal(task)) return;
    await this.context.queue.enqueue({
      contractVersion: 1,
      taskId: data.taskId,
      sessionId,
      callId: data.callId,
      activityId: data.activityId,
      agent: data.agent,
      toolName: data.toolName,
      toolsetId: data.toolsetId,
      arguments: data.arguments,
      timeoutMs: data.timeoutMs,
      retries: data.retries,
      // Re-enqueued by a new owner after the one running it died: number the next attempt after its.
      ...(task.attempt > 0 ? { attemptsBefore: task.attempt } : {}),
    });
  }

  private async startPlayoutTimer(sessionId: string, event: StoredEvent, speechId: string, watch: Watch): Promise<void> {
    const state = await this.context.engine.state(sessionId);
    if (state.playout !== 'client' || state.playing?.speechId !== speechId) return;
    const timer = setTimeout(() => {
      watch.playoutTimers.delete(speechId);
      void this.send(sessionId, event, `${speechId}.playout-timeout`, { type: 'ReportPlayout', data: { speechId, status: 'timed_out' } }).catch((error: unknown) =>
        this.context.logger.warn({ sessionId, speechId, err: error }, 'playout timeout not recorded'),
      );
    }, this.context.playoutTimeoutMs);
    timer.unref();
    watch.playoutTimers.set(speechId, timer);
  }

  /** Sends the command that answers `cause`; a refusal means the session moved on, which is fine. */
  private async send(sessionId: string, cause: StoredEvent, commandId: string, command: Omit<EngineCommand, 'metadata'>): Promise<void> {
    try {
      await this.context.engine.execute(sessionId, {
        ...command,
        metadata: { commandId, actor: this.context.actor, correlationId: cause.correlationId },
      } as EngineCommand);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      this.context.logger.info({ sessionId, commandId, code: error.code }, `${command.type} refused: ${error.message}`);
    }
  }

  private track(watch: Watch, work: Promise<void>): void {
    const tracked = work
      .catch((error: unknown) => this.context.logger.error({ err: error }, 'reaction failed'))
      .finally(() => {
        watch.inFlight.delete(tracked);
        this.wakeSettledWaiters(watch);
      });
    watch.inFlight.add(tracked);
  }

  private wakeSettledWaiters(watch: Watch): void {
    for (const wake of watch.settledWaiters) wake();
    watch.settledWaiters.clear();
  }
}

function activityOf(event: StoredEvent): string {
  return event.stream.split('/')[2] ?? '';
}
