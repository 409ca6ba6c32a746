import type { StoredEvent } from '@aside/events/store';

/**
 * The transport port: what carrying one conversation between a front end and the gateway
 * needs, and nothing else — start a session, feed it the user's turns, speaking state and
 * playout reports, follow its log (speech to say, task progress to show), close it. A session
 * does not care where its turns come from and where its speech goes: HTTP + WebSocket is one
 * adapter of this port, a LiveKit room (`@aside/livekit`) another. `GatewayApi` is this port
 * plus the read and health routes only the HTTP surface offers.
 *
 * Refusals are `GatewayError`s; a transport maps their codes to its own answer.
 */
export interface TransportPort {
  createSession(input: CreateSessionInput): Promise<{ readonly sessionId: string }>;
  submitTurn(sessionId: string, input: { readonly text: string; readonly commandId?: string }): Promise<{ readonly turnId: string }>;
  reportPlayout(sessionId: string, input: { readonly speechId: string; readonly status: 'played' | 'interrupted' }): Promise<void>;
  setUserState(sessionId: string, input: { readonly speaking: boolean }): Promise<void>;
  /** The state projection: activities, tasks, pending replies. */
  getSession(sessionId: string): Promise<SessionProjection>;
  /** Every event after `after`, then each new one as it is committed, until aborted or the session is gone. */
  streamEvents(sessionId: string, input: { readonly after: number; readonly signal: AbortSignal }): AsyncIterable<StoredEvent>;
  closeSession(sessionId: string): Promise<void>;
}

export interface CreateSessionInput {
  readonly agent: string;
  readonly playout?: 'client' | 'instant';
  readonly lateResults?: { readonly webhook: string };
  /**
   * Create the session in this partition, which this gateway must own (else `NOT_OWNER`). For a
   * transport bound to a partition's owner — a LiveKit room is joined by the gateway owning the
   * room's partition, so that a takeover moves the room and its sessions together. Default: any
   * partition this gateway owns.
   */
  readonly partition?: number;
}

export interface SessionProjection {
  readonly sessionId: string;
  readonly status: 'active' | 'closed';
  readonly agent: string;
  readonly playout: 'client' | 'instant';
  readonly currentActivityId: string | null;
  /** Log position the projection was taken at (resume the stream after it). */
  readonly position: number;
  readonly activities: readonly {
    readonly activityId: string;
    readonly agent: string;
    readonly kind: 'agent' | 'task';
    readonly status: string;
    readonly idle: boolean;
    readonly chat: readonly unknown[];
  }[];
  readonly tasks: readonly {
    readonly taskId: string;
    readonly callId: string;
    readonly toolName: string;
    readonly status: string;
    readonly attempt: number;
    readonly updates: number;
    readonly lastProgress: string | null;
  }[];
  readonly pendingReplies: readonly { readonly ownerKey: string; readonly callIds: readonly string[] }[];
}
