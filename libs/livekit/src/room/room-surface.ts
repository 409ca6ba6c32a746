import type {
  DataPacketKind,
  DisconnectReason,
  LocalAudioTrack,
  LocalParticipant,
  Participant,
  RemoteParticipant,
  RemoteTrack,
  Room,
  RoomOptions,
  TextStreamReader,
  TextStreamWriter,
  TrackPublishOptions,
} from '@livekit/rtc-node';

/**
 * Exactly the part of `@livekit/rtc-node` the transport uses, picked from the package's own
 * types: a `Room` satisfies it (checked below at compile time), and so does the test's fake
 * room. A change of the real API that the transport relies on breaks the build, not a call.
 */

/** A participant as the transport sees one: who it is and what kind (users vs. other agents, egress…). */
export type RoomParticipant = Pick<Participant, 'identity' | 'kind'>;

/** What the transport does as the agent participant. */
export interface AgentParticipant {
  readonly identity: string;
  readonly setAttributes: LocalParticipant['setAttributes'];
  readonly publishData: LocalParticipant['publishData'];
  readonly streamText: (options?: Parameters<LocalParticipant['streamText']>[0]) => Promise<OutgoingTextStream>;
  /** Publishes the agent's voice (with a TTS); the transport reads only the publication's track sid. */
  readonly publishTrack: (track: LocalAudioTrack, options: TrackPublishOptions) => Promise<{ readonly sid: string | undefined }>;
}

/** What the transport does with an outgoing text stream: write it whole, then close it. */
export type OutgoingTextStream = Pick<TextStreamWriter, 'write' | 'close'>;

/** What a text-stream handler reads: the stream's header and its whole text. */
export type IncomingTextStream = Pick<TextStreamReader, 'info' | 'readAll'>;
export type IncomingTextHandler = (reader: IncomingTextStream, sender: { readonly identity: string }) => void;

/** The room events the transport listens to, with the participants narrowed to what it reads. */
export interface TransportRoomEvents {
  participantConnected: (participant: RoomParticipant) => void;
  participantDisconnected: (participant: RoomParticipant) => void;
  activeSpeakersChanged: (speakers: RoomParticipant[]) => void;
  dataReceived: (payload: Uint8Array, participant?: RoomParticipant, kind?: DataPacketKind, topic?: string) => void;
  trackSubscribed: (track: RemoteTrack, publication: unknown, participant: RoomParticipant) => void;
  trackUnsubscribed: (track: RemoteTrack, publication: unknown, participant: RoomParticipant) => void;
  disconnected: (reason: DisconnectReason) => void;
  reconnecting: () => void;
  reconnected: () => void;
}

/**
 * Members are written as properties, not methods: TypeScript checks method parameters
 * bivariantly, which would let a drifted signature through; properties are checked strictly.
 */
export interface TransportRoom {
  readonly connect: (url: string, token: string, options?: RoomOptions) => Promise<void>;
  readonly disconnect: () => Promise<void>;
  readonly isConnected: boolean;
  readonly remoteParticipants: ReadonlyMap<string, RoomParticipant>;
  readonly localParticipant?: AgentParticipant | undefined;
  readonly registerTextStreamHandler: (topic: string, handler: IncomingTextHandler) => void;
  readonly on: RoomSubscribe;
  readonly removeAllListeners: () => unknown;
}

/**
 * One overload per event. (Checking the real emitter's generic `on<E>` against this would erase
 * its generics and prove nothing: `rtc-room.ts` subscribes each listener with a checked call.)
 */
export interface RoomSubscribe {
  (event: 'participantConnected', listener: TransportRoomEvents['participantConnected']): unknown;
  (event: 'participantDisconnected', listener: TransportRoomEvents['participantDisconnected']): unknown;
  (event: 'activeSpeakersChanged', listener: TransportRoomEvents['activeSpeakersChanged']): unknown;
  (event: 'dataReceived', listener: TransportRoomEvents['dataReceived']): unknown;
  (event: 'trackSubscribed', listener: TransportRoomEvents['trackSubscribed']): unknown;
  (event: 'trackUnsubscribed', listener: TransportRoomEvents['trackUnsubscribed']): unknown;
  (event: 'disconnected', listener: TransportRoomEvents['disconnected']): unknown;
  (event: 'reconnecting', listener: TransportRoomEvents['reconnecting']): unknown;
  (event: 'reconnected', listener: TransportRoomEvents['reconnected']): unknown;
}

/** Builds a fresh room for each connection attempt (a disconnected `Room` is not reused). */
export type RoomFactory = () => TransportRoom;

// The drift check for the plain members: the real classes must fit them. Never called.
export const realParticipantFits = (participant: RemoteParticipant): RoomParticipant => participant;
export const realAgentParticipantFits = (participant: LocalParticipant): AgentParticipant => participant;
export type RealRoomMembers = Pick<Room, 'connect' | 'disconnect' | 'isConnected' | 'registerTextStreamHandler'>;
export const realRoomMembersFit = (room: RealRoomMembers): Pick<TransportRoom, 'connect' | 'disconnect' | 'isConnected' | 'registerTextStreamHandler'> => room;
