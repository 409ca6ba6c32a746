import type { StoredEvent } from '@aside/events/store';
import type { ListSessionsInput, SessionList } from '../ownership/list-open-sessions.js';
import type { TransportPort } from './transport-port.js';

export type { CreateSessionInput, SessionProjection } from './transport-port.js';
export type { ListedSession, ListSessionsInput, SessionList } from '../ownership/list-open-sessions.js';

/**
 * What the HTTP + WebSocket surface asks of the gateway — DESIGN.md §5: the transport port
 * (`TransportPort`, shared with the LiveKit room transport) plus the audit log and readiness.
 * The HTTP layer validates bodies with zod before calling it; the gateway answers with values
 * or throws a `GatewayError` whose code the transport maps to a status.
 */
export interface GatewayApi extends TransportPort {
  /** The audit log, page by page: events after a log position. */
  readEvents(sessionId: string, input: { readonly after: number; readonly limit: number }): Promise<{ readonly events: readonly StoredEvent[]; readonly next: number | null }>;
  /** The open sessions of the deployment (every partition), ids containing `search`, sorted by id. */
  listSessions(input: ListSessionsInput): Promise<SessionList>;
  /** Readiness: the dependencies the gateway needs answer. */
  readiness(): Promise<{ readonly ready: boolean; readonly checks: Readonly<Record<string, 'ok' | string>> }>;
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
