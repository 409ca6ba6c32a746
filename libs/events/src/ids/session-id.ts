import { z } from 'zod';

/**
 * A session id embeds the partition that owns the session (DESIGN.md §4), so any process can
 * route a request or an inbox entry without a lookup: `sess-<partition>-<token>`.
 * It contains no `:` (BullMQ job ids are derived from it) and no `{`/`}` (it is used as the
 * Redis Cluster hash tag of every key of the session).
 */
const SESSION_ID = /^sess-(0|[1-9][0-9]{0,3})-([A-Za-z0-9]{6,64})$/;

export const MAX_PARTITIONS = 10_000;

export interface ParsedSessionId {
  readonly partition: number;
  readonly token: string;
}

export function parseSessionId(value: string): ParsedSessionId | undefined {
  const match = SESSION_ID.exec(value);
  if (!match) return undefined;
  return { partition: Number(match[1]), token: match[2]! };
}

export function isSessionId(value: unknown): value is string {
  return typeof value === 'string' && SESSION_ID.test(value);
}

export function formatSessionId(partition: number, token: string): string {
  const id = `sess-${partition}-${token}`;
  if (!Number.isInteger(partition) || partition < 0 || partition >= MAX_PARTITIONS || !isSessionId(id)) {
    throw new RangeError(`Cannot form a session id from partition ${partition} and token "${token}"`);
  }
  return id;
}

export const sessionIdSchema = z.string().regex(SESSION_ID, 'expected a session id like sess-<partition>-<token>');
