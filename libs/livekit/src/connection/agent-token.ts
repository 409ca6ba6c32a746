import { AccessToken } from 'livekit-server-sdk';

export interface AgentTokenOptions {
  readonly apiKey: string;
  readonly apiSecret: string;
  readonly room: string;
  /** The agent participant's identity in the room. */
  readonly identity: string;
  readonly name?: string;
  /** Default 6 h: long enough for one connection; every (re)connect mints a fresh one. */
  readonly ttlSeconds?: number;
}

/**
 * A join token for the agent participant, signed with the LiveKit API key and secret by the
 * official server SDK: it may join this one room as an agent (front ends see
 * `ParticipantKind.AGENT`), publish audio and data, and subscribe to the users' tracks.
 */
export async function mintAgentToken(options: AgentTokenOptions): Promise<string> {
  const token = new AccessToken(options.apiKey, options.apiSecret, {
    identity: options.identity,
    name: options.name ?? options.identity,
    ttl: options.ttlSeconds ?? 6 * 3600,
  });
  token.addGrant({ roomJoin: true, room: options.room, agent: true, canPublish: true, canSubscribe: true, canPublishData: true });
  return token.toJwt();
}
