import type { z } from 'zod';
import type { Catalogue } from '../catalogue/catalogue.js';
import { newEventSchema, type NewEvent } from '../envelope.js';
import { InvalidEventError } from '../errors.js';
import { parseSessionId } from '../ids/session-id.js';
import { parseStreamName } from '../ids/stream-name.js';
import { InvalidAppendError, InvalidStreamError } from './errors.js';
import type { AppendOptions, ExpectedVersion } from './event-store.js';
import { prepareFence } from './store-rules.js';

export const MAX_EVENTS_PER_COMMIT = 1_000;
export const MAX_EVENT_BYTES = 512 * 1024;

export interface PreparedStream {
  readonly name: string;
  readonly expected: ExpectedVersion;
  /** False for a stream that is only checked (named in expectedVersions, not written). */
  readonly written: boolean;
  readonly close: boolean;
}

/** The part of an event both adapters store verbatim as JSON. */
export interface EventBody {
  readonly id: string;
  readonly occurredAt: string;
  readonly actor: NewEvent['actor'];
  readonly causationId: string;
  readonly correlationId: string;
  readonly data: unknown;
}

export interface PreparedEvent {
  /** Index into `PreparedAppend.streams`. */
  readonly streamIndex: number;
  readonly type: string;
  readonly schemaVersion: number;
  readonly body: string;
}

export interface PreparedAppend {
  readonly sessionId: string;
  readonly streams: readonly PreparedStream[];
  readonly events: readonly PreparedEvent[];
  readonly expectedPosition: ExpectedVersion;
  readonly idempotencyKey: string | undefined;
  readonly fencingEpoch: number | undefined;
}

/**
 * Everything both adapters must refuse before touching storage: a session or stream id that
 * does not belong, malformed envelopes, data that violates the catalogue, bad options. After
 * this, an adapter only has to commit atomically.
 */
export function prepareAppend(
  catalogue: Catalogue,
  sessionId: string,
  events: readonly NewEvent[],
  options: AppendOptions = {},
): PreparedAppend {
  const session = parseSessionId(sessionId);
  if (!session) throw new InvalidStreamError(String(sessionId), 'not a valid session id');
  if (!Array.isArray(events) || events.length === 0) throw new InvalidAppendError('a commit needs at least one event');
  if (events.length > MAX_EVENTS_PER_COMMIT) {
    throw new InvalidAppendError(`a commit holds at most ${MAX_EVENTS_PER_COMMIT} events, got ${events.length}`);
  }

  const expectedVersions = options.expectedVersions ?? {};
  const streams: PreparedStream[] = [];
  const indexOf = new Map<string, number>();
  const addStream = (name: string, written: boolean): number => {
    const known = indexOf.get(name);
    if (known !== undefined) {
      if (written && !streams[known]!.written) streams[known] = { ...streams[known]!, written: true };
      return known;
    }
    assertStreamOfSession(name, sessionId);
    const expected = expectedVersions[name] ?? 'any';
    assertExpectedVersion(expected, name);
    streams.push({ name, expected, written, close: false });
    indexOf.set(name, streams.length - 1);
    return streams.length - 1;
  };

  const prepared = events.map((event, index): PreparedEvent => {
    const envelope = newEventSchema.safeParse(event);
    if (!envelope.success) {
      const type = typeof (event as { type?: unknown })?.type === 'string' ? (event as { type: string }).type : `events[${index}]`;
      throw new InvalidEventError(type, undefined, problemsOf(envelope.error));
    }
    const { stream, type, schemaVersion, data, id, occurredAt, actor, causationId, correlationId } = envelope.data;
    const validated = catalogue.validate(type, schemaVersion, data);
    const body: EventBody = { id, occurredAt, actor, causationId, correlationId, data: validated.data };
    const json = JSON.stringify(body);
    if (Buffer.byteLength(json) > MAX_EVENT_BYTES) {
      throw new InvalidEventError(type, validated.schemaVersion, [{ path: '', message: `larger than ${MAX_EVENT_BYTES} bytes` }]);
    }
    return { streamIndex: addStream(stream, true), type, schemaVersion: validated.schemaVersion, body: json };
  });

  for (const name of Object.keys(expectedVersions)) addStream(name, false);
  for (const name of options.closeStreams ?? []) {
    const index = indexOf.get(name);
    if (index === undefined || !streams[index]!.written) {
      throw new InvalidAppendError(`stream ${name} can only be closed by a commit that writes to it`);
    }
    streams[index] = { ...streams[index]!, close: true };
  }

  const expectedPosition = options.expectedPosition ?? 'any';
  assertExpectedVersion(expectedPosition, 'the session log');
  const idempotencyKey = options.idempotencyKey;
  if (idempotencyKey !== undefined && (typeof idempotencyKey !== 'string' || idempotencyKey.length === 0 || idempotencyKey.length > 200)) {
    throw new InvalidAppendError('an idempotency key is a string of 1 to 200 characters');
  }
  const token = options.fencingToken;
  if (token !== undefined) prepareFence(sessionId, token);

  return { sessionId, streams, events: prepared, expectedPosition, idempotencyKey, fencingEpoch: token?.epoch };
}

export function assertStreamOfSession(name: string, sessionId: string): void {
  const ref = typeof name === 'string' ? parseStreamName(name) : undefined;
  if (!ref) throw new InvalidStreamError(String(name), 'expected <category>/<sessionId>[/<entityId>]');
  if (ref.sessionId !== sessionId) throw new InvalidStreamError(name, `belongs to session ${ref.sessionId}, not ${sessionId}`);
}

export function assertExpectedVersion(expected: ExpectedVersion, what: string): void {
  if (expected === 'any' || expected === 'no_stream') return;
  if (!Number.isSafeInteger(expected) || expected < 0) {
    throw new InvalidAppendError(`expected version of ${what} must be 'any', 'no_stream' or a non-negative integer`);
  }
}

function problemsOf(error: z.ZodError) {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}
