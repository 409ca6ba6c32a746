import type { EngineLogger, TransportPort } from '@aside/engine';
import type { StoredEvent } from '@aside/events/store';
import type { TaskLifecycleMessage } from '../protocol/task-messages.js';
import type { SpeechOutput } from '../speech/speech-output.js';
import { AgentActivity, type AgentState } from './agent-activity.js';
import { TaskLifecycle } from './task-lifecycle.js';

export interface RoomSessionOptions {
  readonly port: TransportPort;
  readonly sessionId: string;
  /** The user participant the session talks with. */
  readonly identity: string;
  readonly speech: SpeechOutput;
  readonly publishTask: (identity: string, message: TaskLifecycleMessage) => Promise<void>;
  /** The agent's state for this session changed (the transport publishes the room-wide one). */
  readonly agentStateChanged: () => void;
  readonly logger: EngineLogger;
}

interface QueuedSpeech {
  readonly text: string;
  readonly allowInterruptions: boolean;
}

/**
 * One user participant's conversation: their text and speaking state go into the session; the
 * session's log comes back out as speech, task messages and the agent's state. It follows the
 * log through the transport port, independently of the room connection, so a reconnect of the
 * room loses nothing: what could not be published while disconnected is logged.
 */
export class RoomSession {
  private readonly following = new AbortController();
  private readonly activity = new AgentActivity();
  private readonly tasks: TaskLifecycle;
  private readonly queued = new Map<string, QueuedSpeech>();
  private playing: { readonly speechId: string; readonly allowInterruptions: boolean; readonly bargeIn: AbortController } | undefined;
  private userSpeaking = false;
  private followed: Promise<void> = Promise.resolve();
  private committedState: AgentState = 'listening';
  /** The causation of the commit being read, and the timer that ends it when nothing follows. */
  private commit: { readonly causationId: string; readonly timer: NodeJS.Immediate } | undefined;

  constructor(private readonly options: RoomSessionOptions) {
    this.tasks = new TaskLifecycle(options.sessionId);
  }

  get sessionId(): string {
    return this.options.sessionId;
  }

  get identity(): string {
    return this.options.identity;
  }

  /** As of the last whole commit read (see `onEvent`). */
  get agentState(): AgentState {
    return this.committedState;
  }

  /** Starts following the log after `after` (0 for a new session, the projection's position for a resumed one). */
  follow(after: number, knownTasks: Parameters<TaskLifecycle['know']>[0][] = []): void {
    for (const task of knownTasks) this.tasks.know(task);
    this.followed = this.followLog(after);
  }

  async submitText(text: string): Promise<void> {
    await this.options.port.submitTurn(this.sessionId, { text });
  }

  /** The user started or stopped speaking: gates delivery, and cuts in on interruptible speech. */
  async setUserSpeaking(speaking: boolean): Promise<void> {
    if (speaking === this.userSpeaking) return;
    this.userSpeaking = speaking;
    if (speaking && this.playing?.allowInterruptions) this.playing.bargeIn.abort();
    await this.options.port.setUserState(this.sessionId, { speaking });
  }

  /** The user left: the conversation is over. */
  async close(): Promise<void> {
    this.stopFollowing();
    await this.options.port.closeSession(this.sessionId);
    await this.followed;
  }

  /** This gateway leaves the room but the session lives on (another gateway resumes it). */
  async detach(): Promise<void> {
    this.stopFollowing();
    await this.followed;
  }

  private stopFollowing(): void {
    this.following.abort();
    if (this.commit !== undefined) clearImmediate(this.commit.timer);
    this.playing?.bargeIn.abort();
  }

  private async followLog(after: number): Promise<void> {
    const { signal } = this.following;
    try {
      for await (const event of this.options.port.streamEvents(this.sessionId, { after, signal })) {
        if (signal.aborted) return;
        this.onEvent(event);
      }
    } catch (error) {
      if (!signal.aborted) this.options.logger.error({ sessionId: this.sessionId, err: error }, 'livekit: session log no longer followed');
    }
  }

  private onEvent(event: StoredEvent): void {
    for (const message of this.tasks.messagesFor(event)) this.publishTask(message);
    this.applyToAgentState(event);
    const data = event.data as { speechId?: string; text?: string; allowInterruptions?: boolean };
    if (event.type === 'SpeechQueued') this.queued.set(data.speechId!, { text: data.text!, allowInterruptions: data.allowInterruptions! });
    if (event.type === 'SpeechStarted') void this.play(data.speechId!);
    // Finished by the session itself (an `interrupt` reply cut in, the activity closed): stop the audio.
    const playing = this.playing;
    if (event.type === 'SpeechFinished' && playing !== undefined && playing.speechId === data.speechId) playing.bargeIn.abort();
  }

  /**
   * The agent's state changes per commit, not per event: the events of one commit (one causation)
   * are read one by one, and a state between two of them never was — e.g. listening between a
   * completed generation and the speech it queued. A commit ends when the next one begins, or
   * when nothing else arrived by the next turn of the event loop.
   */
  private applyToAgentState(event: StoredEvent): void {
    if (this.commit !== undefined && this.commit.causationId !== event.causationId) this.endCommit();
    this.activity.apply(event);
    if (this.commit !== undefined) clearImmediate(this.commit.timer);
    this.commit = { causationId: event.causationId, timer: setImmediate(() => this.endCommit()) };
  }

  private endCommit(): void {
    if (this.commit !== undefined) clearImmediate(this.commit.timer);
    this.commit = undefined;
    if (this.activity.state === this.committedState) return;
    this.committedState = this.activity.state;
    this.options.agentStateChanged();
  }

  private publishTask(message: TaskLifecycleMessage): void {
    this.options.publishTask(this.identity, message).catch((error: unknown) =>
      this.options.logger.warn({ sessionId: this.sessionId, taskId: message.taskId, err: error }, `livekit: ${message.type} not published`),
    );
  }

  /** The engine starts one speech at a time; its playout is reported when the room has played it. */
  private async play(speechId: string): Promise<void> {
    const speech = this.queued.get(speechId);
    this.queued.delete(speechId);
    if (speech === undefined) return; // queued before the point this log is followed from: the playout timeout settles it
    const bargeIn = new AbortController();
    this.playing = { speechId, allowInterruptions: speech.allowInterruptions, bargeIn };
    let status: 'played' | 'interrupted';
    try {
      status = await this.options.speech.speak({ sessionId: this.sessionId, speechId, text: speech.text, identity: this.identity }, bargeIn.signal);
    } catch (error) {
      // Not heard (the room is reconnecting, say): an interrupted deferred reply is delivered again.
      this.options.logger.warn({ sessionId: this.sessionId, speechId, err: error }, 'livekit: speech not published');
      status = 'interrupted';
    } finally {
      this.playing = undefined;
    }
    if (this.following.signal.aborted) return;
    await this.options.port
      .reportPlayout(this.sessionId, { speechId, status })
      .catch((error: unknown) => this.options.logger.warn({ sessionId: this.sessionId, speechId, err: error }, 'livekit: playout not reported'));
  }
}
