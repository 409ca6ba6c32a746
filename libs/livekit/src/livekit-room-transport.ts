import { silentLogger, type EngineLogger, type TransportPort } from '@aside/engine';
import type { DisconnectReason, ParticipantKind, RemoteTrack, TrackKind } from '@livekit/rtc-node';
import { abortableWait, reconnectDelayMs, type ReconnectPolicy } from './connection/reconnect-policy.js';
import { RoomInputs } from './connection/room-inputs.js';
import { AGENT_STATE_ATTRIBUTE, CHAT_TOPIC, TASKS_TOPIC, TRANSCRIPTION_TOPIC } from './protocol/room-topics.js';
import type { TaskMessage } from './protocol/task-messages.js';
import type { AgentParticipant, RoomFactory, RoomParticipant, TransportRoom } from './room/room-surface.js';
import type { AgentState } from './session/agent-activity.js';
import { RoomSession } from './session/room-session.js';
import { InMemoryRoomSessionDirectory, type RoomSessionDirectory } from './session/session-directory.js';
import type { SpeechOutput } from './speech/speech-output.js';
import { TextSpeechOutput } from './speech/text-speech-output.js';
import type { SpeechInput } from './hearing/speech-input.js';
import type { HeardText } from './hearing/track-transcription.js';

export interface LiveKitRoomTransportOptions {
  readonly port: TransportPort;
  /** The LiveKit server (`wss://…`). */
  readonly url: string;
  /** A fresh join token for each (re)connect (`mintAgentToken`). */
  readonly token: () => Promise<string>;
  /** Builds the room object of each connection (`rtcRoomFactory()` for the real one). */
  readonly createRoom: RoomFactory;
  /** The Aside agent each user of the room talks to. */
  readonly agent: string;
  /** Create the room's sessions in this partition (distributed mode: the one this gateway joined the room for). */
  readonly partition?: number;
  /** Where the agent's speech goes; default: transcription text only. */
  readonly speech?: (agent: () => AgentParticipant) => SpeechOutput;
  /** Transcribes the users' audio tracks into turns (STT); default: none (front ends' own final transcriptions still are turns). */
  readonly hearing?: (heard: (text: HeardText) => void) => SpeechInput;
  readonly directory?: RoomSessionDirectory;
  readonly reconnect?: ReconnectPolicy;
  readonly logger?: EngineLogger;
}

/** `ParticipantKind.STANDARD` and `.SIP`: the people an agent talks to (not other agents, egress or ingress). */
const USER_KINDS: ReadonlySet<ParticipantKind> = new Set([0 satisfies ParticipantKind.STANDARD, 3 satisfies ParticipantKind.SIP]);
/** `DisconnectReason.CLIENT_INITIATED` and `.DUPLICATE_IDENTITY` (another gateway joined as us: it has the room now). */
const CLIENT_INITIATED = 1 satisfies DisconnectReason.CLIENT_INITIATED;
const DUPLICATE_IDENTITY = 2 satisfies DisconnectReason.DUPLICATE_IDENTITY;
const AUDIO = 1 satisfies TrackKind.KIND_AUDIO;

/**
 * The LiveKit room transport (DESIGN.md §1): the gateway joins one room as the agent
 * participant; each user participant who joins gets a session of the configured agent, closed
 * when they leave. Users' chat and final transcriptions become turns (and their audio tracks,
 * transcribed here, with `hearing`), the active speakers become the user-speaking state that
 * gates delivery; the agent's speech goes out as
 * transcription streams (and audio with a TTS), its state as the `lk.agent.state` attribute,
 * task lifecycle as JSON on `aside.tasks`. A dropped connection is rejoined with backoff; the
 * sessions live on in between, since they depend on the transport port, not on the room.
 * Bad input from the room is logged and ignored.
 */
export class LiveKitRoomTransport {
  private readonly sessions = new Map<string, Promise<RoomSession | undefined>>();
  private readonly directory: RoomSessionDirectory;
  private readonly logger: EngineLogger;
  private readonly speech: SpeechOutput;
  private readonly hearing: SpeechInput | undefined;
  private readonly leaving = new AbortController();
  private room: TransportRoom | undefined;
  private joining: Promise<void> | undefined;
  private publishedState: AgentState | undefined;
  /** The sessions opened so far (`sessions` holds them while they open), for the room-wide agent state. */
  private readonly opened = new Map<string, RoomSession>();
  private statePublishing: Promise<void> = Promise.resolve();
  private readonly inputs: RoomInputs;

  constructor(private readonly options: LiveKitRoomTransportOptions) {
    this.directory = options.directory ?? new InMemoryRoomSessionDirectory();
    this.logger = options.logger ?? silentLogger;
    const agent = (): AgentParticipant => {
      const participant = this.room?.isConnected ? this.room.localParticipant : undefined;
      if (participant === undefined) throw new Error('not connected to the room');
      return participant;
    };
    this.speech = options.speech?.(agent) ?? new TextSpeechOutput(agent);
    this.inputs = new RoomInputs({
      port: options.port,
      sessionOf: (identity) => this.sessions.get(identity),
      agent: () => (this.room?.isConnected ? this.room.localParticipant : undefined),
      publishTask: (identity, message) => this.publishTaskMessage(identity, message),
      logger: this.logger,
    });
    this.hearing = options.hearing?.((text) => void this.inputs.heard(text));
  }

  /** Joins the room, retrying with backoff until it is in or `leave()` is called. */
  join(): Promise<void> {
    this.joining ??= this.connectUntilJoined();
    return this.joining;
  }

  /**
   * Leaves the room. `closeSessions`: end the users' sessions too (nobody will resume them);
   * otherwise they stay open for the gateway that joins the room next.
   */
  async leave(options: { readonly closeSessions: boolean }): Promise<void> {
    this.leaving.abort();
    const sessions = await Promise.all(this.sessions.values());
    this.sessions.clear();
    this.opened.clear();
    await Promise.all(
      sessions.map(async (session) => {
        if (session === undefined) return;
        if (!options.closeSessions) return session.detach();
        await session.close().catch((error: unknown) => this.logger.warn({ sessionId: session.sessionId, err: error }, 'livekit: session not closed'));
        await this.directory.forget(session.identity).catch(() => undefined);
      }),
    );
    const room = this.room;
    this.room = undefined;
    room?.removeAllListeners();
    await room?.disconnect().catch((error: unknown) => this.logger.warn({ err: error }, 'livekit: disconnect failed'));
    await this.hearing?.close();
    await this.speech.close();
  }

  /** The sessions of the users now in the room, by identity (for tests and diagnostics). */
  async sessionIds(): Promise<ReadonlyMap<string, string>> {
    const entries = await Promise.all([...this.sessions].map(async ([identity, session]) => [identity, (await session)?.sessionId] as const));
    return new Map(entries.filter((entry): entry is readonly [string, string] => entry[1] !== undefined));
  }

  private async connectUntilJoined(): Promise<void> {
    const { signal } = this.leaving;
    const wait = this.options.reconnect?.wait ?? abortableWait;
    for (let failed = 0; !signal.aborted; failed += 1) {
      if (failed > 0) await wait(reconnectDelayMs(this.options.reconnect ?? {}, failed), signal);
      if (signal.aborted) return;
      try {
        await this.connectOnce();
        return;
      } catch (error) {
        this.logger.warn({ err: error, attempt: failed + 1 }, 'livekit: could not join the room; retrying');
      }
    }
  }

  private async connectOnce(): Promise<void> {
    const room = this.options.createRoom();
    this.listen(room);
    try {
      await room.connect(this.options.url, await this.options.token(), { autoSubscribe: true, dynacast: false });
    } catch (error) {
      room.removeAllListeners();
      await room.disconnect().catch(() => undefined);
      throw error;
    }
    if (this.leaving.signal.aborted) {
      room.removeAllListeners();
      await room.disconnect();
      return;
    }
    this.room = room;
    this.publishedState = undefined; // a new agent participant carries no attributes yet
    this.logger.info({ url: this.options.url }, 'livekit: joined the room');
    await this.syncParticipants(room);
    this.publishAgentState();
  }

  private listen(room: TransportRoom): void {
    room.on('participantConnected', (participant) => this.onParticipantJoined(participant));
    room.on('participantDisconnected', (participant) => void this.release(participant.identity));
    room.on('activeSpeakersChanged', (speakers) => this.inputs.speaking(speakers));
    room.on('trackSubscribed', (track, _publication, participant) => this.onTrackSubscribed(track, participant));
    room.on('trackUnsubscribed', (track, _publication, participant) => this.hearing?.stop(participant.identity, track.sid));
    room.on('dataReceived', (payload, participant, _kind, topic) => void this.inputs.data(payload, participant, topic));
    room.on('reconnecting', () => this.logger.warn({}, 'livekit: connection interrupted; the SDK is resuming it'));
    room.on('reconnected', () => void this.syncParticipants(room));
    room.on('disconnected', (reason) => this.onDisconnected(room, reason));
    room.registerTextStreamHandler(CHAT_TOPIC, (reader, sender) => void this.inputs.text(reader, sender.identity, 'chat'));
    room.registerTextStreamHandler(TRANSCRIPTION_TOPIC, (reader, sender) => void this.inputs.text(reader, sender.identity, 'transcription'));
  }

  private onDisconnected(room: TransportRoom, reason: DisconnectReason): void {
    if (room !== this.room || this.leaving.signal.aborted || reason === CLIENT_INITIATED) return;
    room.removeAllListeners();
    this.room = undefined;
    if (reason === DUPLICATE_IDENTITY) {
      this.logger.warn({ reason }, 'livekit: another agent joined with this identity and has the room now; not rejoining');
      return;
    }
    this.logger.warn({ reason }, 'livekit: disconnected from the room; rejoining, the sessions live on');
    this.joining = this.connectUntilJoined();
  }

  /** After a (re)join: sessions for users who came meanwhile, closed for those who left. */
  private async syncParticipants(room: TransportRoom): Promise<void> {
    const present = new Set([...room.remoteParticipants.values()].filter(isUser).map((participant) => participant.identity));
    await Promise.all([...this.sessions.keys()].filter((identity) => !present.has(identity)).map((identity) => this.release(identity)));
    for (const identity of present) if (!this.sessions.has(identity)) this.adopt(identity);
  }

  private onParticipantJoined(participant: RoomParticipant): void {
    if (!isUser(participant)) {
      this.logger.debug({ identity: participant.identity, kind: participant.kind }, 'livekit: not a user participant; no session');
      return;
    }
    if (!this.sessions.has(participant.identity)) this.adopt(participant.identity);
  }

  private adopt(identity: string): void {
    this.sessions.set(identity, this.openSession(identity));
  }

  private async openSession(identity: string): Promise<RoomSession | undefined> {
    try {
      const known = await this.directory.find(identity);
      const resumed = known === undefined ? undefined : await this.resume(identity, known);
      if (resumed) return resumed;
      const { port, agent, partition } = this.options;
      const { sessionId } = await port.createSession({ agent, playout: 'client', ...(partition === undefined ? {} : { partition }) });
      await this.directory.remember(identity, sessionId);
      const session = this.sessionFor(identity, sessionId);
      this.opened.set(identity, session);
      session.follow(0);
      this.logger.info({ identity, sessionId }, 'livekit: session started for a user');
      return session;
    } catch (error) {
      this.logger.error({ identity, err: error }, 'livekit: no session for the user');
      this.sessions.delete(identity);
      return undefined;
    }
  }

  /** The user's session from before (this room joined by another gateway, or before a restart), if still open. */
  private async resume(identity: string, sessionId: string): Promise<RoomSession | undefined> {
    const projection = await this.options.port.getSession(sessionId).catch(() => undefined);
    if (projection?.status !== 'active') return undefined;
    const session = this.sessionFor(identity, sessionId);
    this.opened.set(identity, session);
    const tasks = projection.tasks.map((task) => ({ ...task, ended: task.status !== 'requested' && task.status !== 'running' }));
    session.follow(projection.position, tasks);
    this.logger.info({ identity, sessionId }, 'livekit: session resumed for a user');
    return session;
  }

  private sessionFor(identity: string, sessionId: string): RoomSession {
    return new RoomSession({
      port: this.options.port,
      sessionId,
      identity,
      speech: this.speech,
      publishTask: (to, message) => this.publishTaskMessage(to, message),
      agentStateChanged: () => this.publishAgentState(),
      logger: this.logger,
    });
  }

  private async release(identity: string): Promise<void> {
    const pending = this.sessions.get(identity);
    if (pending === undefined) return;
    this.sessions.delete(identity);
    this.hearing?.stop(identity);
    const session = await pending;
    if (session === undefined) return;
    this.opened.delete(identity);
    await session.close().catch((error: unknown) => this.logger.warn({ sessionId: session.sessionId, err: error }, 'livekit: session not closed'));
    await this.directory.forget(identity).catch((error: unknown) => this.logger.warn({ identity, err: error }, 'livekit: session not forgotten'));
    this.logger.info({ identity, sessionId: session.sessionId }, 'livekit: user left; session closed');
    this.publishAgentState();
  }

  private onTrackSubscribed(track: RemoteTrack, participant: RoomParticipant): void {
    if (this.hearing === undefined || track.kind !== AUDIO || !isUser(participant)) return;
    this.hearing.listen(participant.identity, track);
  }

  private async publishTaskMessage(identity: string, message: TaskMessage): Promise<void> {
    const agent = this.room?.isConnected ? this.room.localParticipant : undefined;
    if (agent === undefined) throw new Error('not connected to the room');
    const payload = new TextEncoder().encode(JSON.stringify(message));
    await agent.publishData(payload, { reliable: true, topic: TASKS_TOPIC, destination_identities: [identity] });
  }

  /**
   * The room-wide agent state: speaking if any session speaks, else thinking if any thinks, else
   * listening. Decided now, published in order.
   */
  private publishAgentState(): void {
    const states = [...this.opened.values()].map((session) => session.agentState);
    const state: AgentState = states.includes('speaking') ? 'speaking' : states.includes('thinking') ? 'thinking' : 'listening';
    this.statePublishing = this.statePublishing.then(async () => {
      const agent = this.room?.isConnected ? this.room.localParticipant : undefined;
      if (agent === undefined || state === this.publishedState) return;
      this.publishedState = state;
      await agent.setAttributes({ [AGENT_STATE_ATTRIBUTE]: state }).catch((error: unknown) => {
        this.publishedState = undefined;
        this.logger.warn({ err: error }, 'livekit: agent state not published');
      });
    });
  }
}

function isUser(participant: RoomParticipant): boolean {
  return USER_KINDS.has(participant.kind);
}
