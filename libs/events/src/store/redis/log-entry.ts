import type { StoredRecord } from '../stored-record.js';

/** An entry as XRANGE / XREAD return it: the id and a flat list of field, value pairs. */
export type RawStreamEntry = [id: string, fields: string[]];

/** Reads the fields `append.lua` writes into a log entry. */
export function recordOfLogEntry([id, fields]: RawStreamEntry): StoredRecord {
  const value = new Map<string, string>();
  for (let i = 0; i + 1 < fields.length; i += 2) value.set(fields[i]!, fields[i + 1]!);
  return {
    position: positionOfEntry([id, fields]),
    stream: value.get('stream') ?? '',
    version: Number(value.get('version')),
    type: value.get('type') ?? '',
    schemaVersion: Number(value.get('sv')),
    recordedAtMs: Number(value.get('t')),
    body: value.get('e') ?? '',
  };
}

/** The log position of an entry: its stream id is `<position>-0`. */
export function positionOfEntry([id]: RawStreamEntry): number {
  return Number(id.slice(0, id.indexOf('-')));
}
