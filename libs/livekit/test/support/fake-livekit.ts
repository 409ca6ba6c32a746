import { EventEmitter } from 'node:events';
import type { DisconnectReason, LocalAudioTrack, ParticipantKind, RemoteTrack, TextStreamInfo, TrackKind, TrackPublishOptions } from '@livekit/rtc-node';
import type {
  AgentParticipant,
  IncomingTextHandler,
  OutgoingTextStream,
  RoomParticipant,
  RoomSubscribe,
  TransportRoom,
} from '../../src/room/room-surface.js';
import { Observed } from './observed.js';

export const STANDARD = 0 satisfies ParticipantKind.STANDARD;
export const AGENT = 4 satisfies ParticipantKind.AGENT;
export const SIGNAL_CLOSE = 9 satisfies DisconnectReason.SIGNAL_CLOSE;
export const DUPLICATE_IDENTITY = 2 satisfies DisconnectReason.DUPLICATE_IDENTITY;
export const AUDIO = 1 satisfies TrackKind.KIND_AUDIO;

export interface PublishedData {
  readonly topic: string | undefined;
  readonly json: unknown;
  readonly to: readonly string[] | undefined;
}

export interface PublishedText {
  readonly topic: string | undefined;
  readonly text: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly to: readonly string[] | undefined;
  /** Set when the agent sends on a user's behalf (their transcription). */
  readonly sender: string | undefined;
}

export interface PublishedTrack {
  readonly sid: string;
  readonly track: LocalAudioTrack;
  readonly options: TrackPublishOptions;
}

/**
 * A LiveKit server with one room, as far as the transport can tell: participants come and go,
 * talk, and the connection can drop. Each `createRoom()` is one connection of the agent (the
 * transport makes a new one on every rejoin). What the agent publishes is recorded across
 * connections; `until()` waits for a condition, re-checked on every change instead of polling.
 */
export class FakeLiveKitServer extends Observed {
  readonly rooms: FakeRoom[] = [];
  readonly users = new Map<string, RoomParticipant>();
  readonly data: PublishedData[] = [];
  readonly texts: PublishedText[] = [];
  readonly agentStates: string[] = [];
  readonly tracks: PublishedTrack[] = [];
  /** Connection attempts to refuse before accepting one. */
  refuseConnections = 0;

  readonly createRoom = (): TransportRoom => {
    const room = new FakeRoom(this);
    this.rooms.push(room);
    this.changed();
    return room;
  };

  /** The connection the agent holds now. */
  get room(): FakeRoom {
    const room = this.rooms.findLast((candidate) => candidate.isConnected);
    if (room === undefined) throw new Error('the agent is not in the room');
    return room;
  }

  join(identity: string, kind: ParticipantKind = STANDARD): void {
    const participant = { identity, kind };
    this.users.set(identity, participant);
    for (const room of this.connected()) room.arrive(participant);
  }

  leave(identity: string): void {
    const participant = this.users.get(identity);
    this.users.delete(identity);
    if (participant) for (const room of this.connected()) room.depart(participant);
  }

  /** A user types in the chat (`sendText(text, { topic: 'lk.chat' })`), or publishes a transcription. */
  sendText(identity: string, topic: string, text: string, attributes: Record<string, string> = {}): void {
    const info: TextStreamInfo = { streamId: `stream-${this.texts.length}-${Math.random()}`, mimeType: 'text/plain', topic, timestamp: Date.now(), attributes };
    this.room.textHandler(topic)?.({ info, readAll: async () => text }, { identity });
  }

  sendData(identity: string | undefined, topic: string, payload: string | Uint8Array): void {
    const bytes = typeof payload === 'string' ? new TextEncoder().encode(payload) : payload;
    const participant = identity === undefined ? undefined : (this.users.get(identity) ?? { identity, kind: STANDARD });
    this.room.emit('dataReceived', bytes, participant, undefined, topic);
  }

  /**
   * A user's microphone track reaches the agent (auto-subscribed). Only `sid` and `kind` of a
   * `RemoteTrack` are read by the transport; its frames come from the test's `openAudio`, since
   * a real track cannot exist without a server.
   */
  subscribeAudio(identity: string, sid: string): void {
    const track = { sid, kind: AUDIO } as Pick<RemoteTrack, 'sid' | 'kind'> as RemoteTrack;
    this.room.emit('trackSubscribed', track, undefined, this.users.get(identity) ?? { identity, kind: STANDARD });
  }

  setActiveSpeakers(identities: readonly string[]): void {
    this.room.emit('activeSpeakersChanged', identities.map((identity) => this.users.get(identity) ?? { identity, kind: STANDARD }));
  }

  /** The connection breaks for good (the SDK gave up resuming it). */
  drop(reason: DisconnectReason = SIGNAL_CLOSE): void {
    const room = this.room;
    room.isConnected = false;
    room.emit('disconnected', reason);
    this.changed();
  }

  /** Re-checks the waiting conditions (also called by the test when the gateway commits). */

  tasksMessages(): readonly Record<string, unknown>[] {
    return this.data.filter((entry) => entry.topic === 'aside.tasks').map((entry) => entry.json as Record<string, unknown>);
  }

  private connected(): FakeRoom[] {
    return this.rooms.filter((room) => room.isConnected);
  }
}

/** One connection: implements exactly the transport's surface of `@livekit/rtc-node`'s `Room`. */
export class FakeRoom implements TransportRoom {
  isConnected = false;
  remoteParticipants = new Map<string, RoomParticipant>();
  localParticipant: FakeAgentParticipant | undefined;
  connectedWith: { readonly url: string; readonly token: string } | undefined;
  private readonly emitter = new EventEmitter();
  private readonly textHandlers = new Map<string, IncomingTextHandler>();

  constructor(private readonly server: FakeLiveKitServer) {}

  readonly connect = async (url: string, token: string): Promise<void> => {
    if (this.server.refuseConnections > 0) {
      this.server.refuseConnections -= 1;
      throw new Error('connection refused');
    }
    this.connectedWith = { url, token };
    this.remoteParticipants = new Map(this.server.users);
    this.localParticipant = new FakeAgentParticipant(this.server);
    this.isConnected = true;
    this.server.changed();
  };

  readonly disconnect = async (): Promise<void> => {
    if (!this.isConnected) return;
    this.isConnected = false;
    this.emit('disconnected', 1 satisfies DisconnectReason.CLIENT_INITIATED);
    this.server.changed();
  };

  readonly registerTextStreamHandler = (topic: string, handler: IncomingTextHandler): void => {
    // The real room refuses a second handler for a topic.
    if (this.textHandlers.has(topic)) throw new Error(`A text stream handler for topic "${topic}" has already been set.`);
    this.textHandlers.set(topic, handler);
  };

  readonly on = ((event: string, listener: (...args: any[]) => void) => this.emitter.on(event, listener)) as RoomSubscribe;

  readonly removeAllListeners = (): void => {
    this.emitter.removeAllListeners();
  };

  textHandler(topic: string): IncomingTextHandler | undefined {
    return this.textHandlers.get(topic);
  }

  emit(event: string, ...args: unknown[]): void {
    this.emitter.emit(event, ...args);
  }

  arrive(participant: RoomParticipant): void {
    this.remoteParticipants.set(participant.identity, participant);
    this.emit('participantConnected', participant);
  }

  depart(participant: RoomParticipant): void {
    this.remoteParticipants.delete(participant.identity);
    this.emit('participantDisconnected', participant);
  }
}

/** The agent participant: records what it publishes. */
export class FakeAgentParticipant implements AgentParticipant {
  readonly identity = 'aside-agent';

  constructor(private readonly server: FakeLiveKitServer) {}

  readonly setAttributes = async (attributes: Record<string, string>): Promise<void> => {
    const state = attributes['lk.agent.state'];
    if (state !== undefined) this.server.agentStates.push(state);
    this.server.changed();
  };

  readonly publishData = async (data: Uint8Array, options: { topic?: string; destination_identities?: string[] }): Promise<void> => {
    this.server.data.push({ topic: options.topic, json: JSON.parse(new TextDecoder().decode(data)), to: options.destination_identities });
    this.server.changed();
  };

  readonly publishTrack = async (track: LocalAudioTrack, options: TrackPublishOptions): Promise<{ readonly sid: string }> => {
    const sid = `TR_agent_${this.server.tracks.length + 1}`;
    this.server.tracks.push({ sid, track, options });
    this.server.changed();
    return { sid };
  };

  readonly streamText = async (options: { topic?: string; attributes?: Record<string, string>; destinationIdentities?: string[]; senderIdentity?: string } = {}): Promise<OutgoingTextStream> => {
    let text = '';
    return {
      write: async (chunk: string) => {
        text += chunk;
      },
      close: async () => {
        this.server.texts.push({ topic: options.topic, text, attributes: options.attributes ?? {}, to: options.destinationIdentities, sender: options.senderIdentity });
        this.server.changed();
      },
    };
  };
}
