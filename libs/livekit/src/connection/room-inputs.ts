import type { EngineLogger, TransportPort } from '@aside/engine';
import { writeUserTranscription } from '../speech/transcription-writer.js';
import type { HeardText } from '../hearing/track-transcription.js';
import { LEGACY_CHAT_TOPIC, TASKS_TOPIC } from '../protocol/room-topics.js';
import type { TaskMessage } from '../protocol/task-messages.js';
import type { AgentParticipant, IncomingTextStream, RoomParticipant } from '../room/room-surface.js';
import type { RoomSession } from '../session/room-session.js';
import { isFinalTranscription, legacyChatText, tasksTopicRequest, turnText } from './room-input.js';

export interface RoomInputsOptions {
  readonly port: TransportPort;
  /** The user's session, as it is being opened; undefined for a participant without one. */
  readonly sessionOf: (identity: string) => Promise<RoomSession | undefined> | undefined;
  /** The agent participant, while connected. */
  readonly agent: () => AgentParticipant | undefined;
  readonly publishTask: (identity: string, message: TaskMessage) => Promise<void>;
  readonly logger: EngineLogger;
}

/**
 * What users send into the room, routed to their sessions: chat and final transcriptions (text
 * streams), legacy chat and `tasks.sync` (data packets), utterances transcribed here, and who is
 * speaking. Input from a participant without a session, or that is not what it claims to be, is
 * logged as a warning and ignored; a session refusing input is logged the same way.
 */
export class RoomInputs {
  private speakers = new Set<string>();

  constructor(private readonly options: RoomInputsOptions) {}

  async text(reader: IncomingTextStream, identity: string, kind: 'chat' | 'transcription'): Promise<void> {
    try {
      if (kind === 'transcription' && !isFinalTranscription(reader.info.attributes)) return;
      const text = turnText(await reader.readAll());
      if (!text.ok) return this.ignore(identity, kind, text.reason);
      await this.withSession(identity, kind, (session) => session.submitText(text.value));
    } catch (error) {
      this.options.logger.warn({ identity, err: error }, `livekit: ${kind} text not read`);
    }
  }

  async data(payload: Uint8Array, participant: RoomParticipant | undefined, topic: string | undefined): Promise<void> {
    if (topic !== LEGACY_CHAT_TOPIC && topic !== TASKS_TOPIC) return; // not addressed to us
    const identity = participant?.identity ?? '(server)';
    if (topic === LEGACY_CHAT_TOPIC) {
      const text = legacyChatText(payload);
      if (!text.ok) return this.ignore(identity, topic, text.reason);
      return this.withSession(identity, 'chat', (session) => session.submitText(text.value));
    }
    const request = tasksTopicRequest(payload);
    if (!request.ok) return this.ignore(identity, topic, request.reason);
    await this.withSession(identity, 'tasks.sync', (session) => this.sendSnapshot(session));
  }

  /** A user's utterance, transcribed here: their turn, and their side of the transcript for the front end. */
  async heard(heard: HeardText): Promise<void> {
    const agent = this.options.agent();
    if (agent !== undefined) {
      writeUserTranscription(agent, heard).catch((error: unknown) => this.options.logger.warn({ identity: heard.identity, err: error }, 'livekit: user transcription not published'));
    }
    const text = turnText(heard.text);
    if (!text.ok) return this.ignore(heard.identity, 'speech', text.reason);
    await this.withSession(heard.identity, 'speech', (session) => session.submitText(text.value));
  }

  /** The room's active speakers: each user whose state changed starts or stops speaking. */
  speaking(speakers: readonly RoomParticipant[]): void {
    const now = new Set(speakers.map((speaker) => speaker.identity));
    const changed = new Set([...now, ...this.speakers].filter((identity) => now.has(identity) !== this.speakers.has(identity)));
    this.speakers = now;
    for (const identity of changed) {
      void this.withSession(identity, 'speaking state', (session) => session.setUserSpeaking(now.has(identity)));
    }
  }

  private async sendSnapshot(session: RoomSession): Promise<void> {
    const projection = await this.options.port.getSession(session.sessionId);
    const tasks = projection.tasks.map(({ taskId, callId, toolName, status, attempt, updates, lastProgress }) => ({ taskId, callId, tool: toolName, status, attempt, updates, lastProgress }));
    await this.options.publishTask(session.identity, { type: 'tasks.snapshot', v: 1, sessionId: session.sessionId, position: projection.position, tasks });
  }

  /** Runs `action` on the user's session; input from someone without one (another agent, a stranger) is logged and ignored. */
  private async withSession(identity: string, what: string, action: (session: RoomSession) => Promise<void>): Promise<void> {
    const session = await this.options.sessionOf(identity);
    if (session === undefined) return this.ignore(identity, what, 'no session for this participant');
    try {
      await action(session);
    } catch (error) {
      this.options.logger.warn({ identity, sessionId: session.sessionId, err: error }, `livekit: ${what} refused`);
    }
  }

  private ignore(identity: string, what: string, reason: string): void {
    this.options.logger.warn({ identity, reason }, `livekit: ${what} from the room ignored`);
  }
}
