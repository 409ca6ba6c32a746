import type { Catalogue } from '../catalogue/catalogue.js';
import { eventEnvelopeSchema } from '../envelope.js';
import { AsideError } from '../errors.js';
import { CorruptEventError } from './errors.js';
import type { StoredEvent } from './event-store.js';

/** One event as both adapters keep it: the envelope's stored fields and the body as JSON text. */
export interface StoredRecord {
  readonly stream: string;
  readonly version: number;
  readonly position: number;
  readonly type: string;
  readonly schemaVersion: number;
  readonly recordedAtMs: number;
  readonly body: string;
}

/**
 * Turns a stored record back into an envelope: the body is parsed, the data upcast to the
 * catalogue's current version, and the whole envelope validated, so nothing malformed that
 * reached storage by another path is handed to a reader.
 */
export function decodeRecord(catalogue: Catalogue, sessionId: string, record: StoredRecord): StoredEvent {
  try {
    const body = JSON.parse(record.body) as Record<string, unknown>;
    const current = catalogue.upcast(record.type, record.schemaVersion, body['data']);
    const parsed = eventEnvelopeSchema.safeParse({
      ...body,
      type: record.type,
      schemaVersion: current.schemaVersion,
      data: current.data,
      stream: record.stream,
      sessionId,
      version: record.version,
      position: record.position,
      recordedAt: new Date(record.recordedAtMs).toISOString(),
    });
    if (!parsed.success) throw new CorruptEventError(sessionId, record.position, parsed.error.message);
    return parsed.data as StoredEvent;
  } catch (error) {
    if (error instanceof CorruptEventError) throw error;
    const reason = error instanceof AsideError || error instanceof Error ? error.message : String(error);
    throw new CorruptEventError(sessionId, record.position, reason);
  }
}
