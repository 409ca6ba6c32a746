import { runningTasks, type SessionState, type TaskState } from '@aside/domain';
import type { IdSource } from '../sessions/clock.js';
import type { EngineCommand, SessionEngine } from '../sessions/session-engine.js';
import { activityIdle, sessionIdle, waitUntil } from './idle-waiters.js';

type Send = (sessionId: string, commandId: string, command: Omit<EngineCommand, 'metadata'>) => Promise<void>;

/**
 * The session as code that hosts the gateway sees it (DESIGN.md §5): wait for idle, ask for a
 * reply, interrupt, close, and the running tasks with their cancel.
 */
export class SessionHandle {
  constructor(
    readonly sessionId: string,
    private readonly engine: SessionEngine,
    private readonly send: Send,
    private readonly newId: IdSource,
  ) {}

  state(): Promise<SessionState> {
    return this.engine.state(this.sessionId);
  }

  /** Resolves with the activity that is current and idle, following handoffs; rejects with ActivityClosedError on close. */
  waitForIdle(): Promise<string> {
    return waitUntil(this.engine, this.sessionId, sessionIdle);
  }

  activity(activityId: string): { waitForIdle(): Promise<string> } {
    return { waitForIdle: () => waitUntil(this.engine, this.sessionId, activityIdle(activityId)) };
  }

  /** The current activity speaks without a user turn (optionally with one-off instructions). */
  generateReply(options: { readonly instructions?: string } = {}): Promise<void> {
    return this.send(this.sessionId, this.commandId('reply'), { type: 'GenerateReply', data: options.instructions ? { instructions: options.instructions } : {} });
  }

  /** Stops the agent speech that is playing. */
  async interrupt(): Promise<void> {
    const playing = (await this.state()).playing;
    if (!playing) return;
    await this.send(this.sessionId, `${playing.speechId}.playout`, { type: 'ReportPlayout', data: { speechId: playing.speechId, status: 'interrupted' } });
  }

  close(): Promise<void> {
    return this.send(this.sessionId, `${this.sessionId}.close`, { type: 'CloseSession', data: { reason: 'client' } });
  }

  async runningTasks(): Promise<readonly (TaskState & { cancel(): Promise<void> })[]> {
    return runningTasks(await this.state()).map((task) => ({ ...task, cancel: () => this.cancel(task.callId) }));
  }

  /** Cancels a running task by its call id (the host's counterpart of the LLM's `cancel_task`). */
  cancel(callId: string): Promise<void> {
    return this.send(this.sessionId, this.commandId(`cancel-${callId}`), { type: 'CancelTask', data: { callId } });
  }

  private commandId(what: string): string {
    return `${this.sessionId}.${what}.${this.newId()}`;
  }
}
