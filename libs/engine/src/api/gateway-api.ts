import type { StoredEvent } from '@aside/events/store';

/**
 * What a transport (HTTP + WebSocket, LiveKit) asks of the gateway — DESIGN.md §5. The HTTP
 * layer validates bodies with zod before calling it; the gateway answers with values or throws
 * a `GatewayError` whose code the transport maps to a status.
 */
export interface GatewayApi {
  createSession(input: CreateSessionInput): Promise<{ readonly sessionId: string }>;
  submitTurn(sessionId: string, input: { readonly text: string; readonly commandId?: string }): Promise<{ readonly turnId: string }>;
  reportPlayout(sessionId: string, input: { readonly speechId: string; readonly status: 'played' | 'interrupted' }): Promise<void>;
  setUserState(sessionId: string, input: { readonly speaking: boolean }): Promise<void>;
  /** The state projection: activities, tasks, pending replies. */
  getSession(sessionId: string): Promise<SessionProjection>;
  /** The audit log, page by page: events after a log position. */
  readEvents(sessionId: string, input: { readonly after: number; readonly limit: number }): Promise<{ readonly events: readonly StoredEvent[]; readonly next: number | null }>;
  /** Every event after `after`, then each new one as it is committed, until aborted or the session is gone. */
  streamEvents(sessionId: string, input: { readonly after: number; readonly signal: AbortSignal }): AsyncIterable<StoredEvent>;
  closeSession(sessionId: string): Promise<void>;
  /** Readiness: the dependencies the gateway needs answer. */
  readiness(): Promise<{ readonly ready: boolean; readonly checks: Readonly<Record<string, 'ok' | string>> }>;
}

export interface CreateSessionInput {
  readonly agent: string;
  readonly playout?: 'client' | 'instant';
  readonly lateResults?: { readonly webhook: string };
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

export type GatewayErrorCode =
  | 'SESSION_NOT_FOUND'
  | 'UNKNOWN_AGENT'
  | 'SESSION_CLOSED'
  | 'CONFLICT'
  | 'INVALID_REQUEST'
  | 'UNAVAILABLE'
  | 'NOT_OWNER';

/**
 * A refusal the transport maps to a status (404, 422, 409, 409, 400, 503; NOT_OWNER: a redirect
 * to `details.ownerUrl`, or 503 while no owner is known).
 */
export class GatewayError extends Error {
  constructor(
    readonly code: GatewayErrorCode,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = 'GatewayError';
  }
}
