import { parseSessionId } from './session-id.js';

/**
 * Stream names carry their session: `<category>/<sessionId>` for a session-level aggregate and
 * `<category>/<sessionId>/<entityId>` for one inside it (an activity). The store refuses any
 * stream it cannot attribute to a session, because every key of a session must share the
 * session's hash tag.
 */
const CATEGORY = /^[a-z][a-z0-9_-]{0,39}$/;
const ENTITY_ID = /^[A-Za-z0-9_.-]{1,128}$/;

export interface StreamRef {
  readonly category: string;
  readonly sessionId: string;
  readonly entityId?: string;
}

export function streamName(category: string, sessionId: string, entityId?: string): string {
  const name = entityId === undefined ? `${category}/${sessionId}` : `${category}/${sessionId}/${entityId}`;
  if (!parseStreamName(name)) {
    throw new RangeError(`Invalid stream name parts: category "${category}", session "${sessionId}", entity "${entityId ?? ''}"`);
  }
  return name;
}

export function parseStreamName(name: string): StreamRef | undefined {
  const parts = name.split('/');
  if (parts.length < 2 || parts.length > 3) return undefined;
  const [category, sessionId, entityId] = parts as [string, string, string | undefined];
  if (!CATEGORY.test(category) || !parseSessionId(sessionId)) return undefined;
  if (entityId === undefined) return { category, sessionId };
  if (!ENTITY_ID.test(entityId)) return undefined;
  return { category, sessionId, entityId };
}
