import { legacyChatMessageSchema } from '../protocol/legacy-chat-message.js';
import { TRANSCRIPTION_FINAL_ATTRIBUTE } from '../protocol/room-topics.js';
import { tasksTopicRequestSchema } from '../protocol/task-messages.js';

/** What a room input turned out to be; `ignored` says why, for the log line. */
export type ParsedInput<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

const MAX_TURN_CHARACTERS = 16_000;

/** A chat or final transcription text: a user turn, unless it is blank or absurdly long. */
export function turnText(text: string): ParsedInput<string> {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, reason: 'blank text' };
  if (trimmed.length > MAX_TURN_CHARACTERS) return { ok: false, reason: `text longer than ${MAX_TURN_CHARACTERS} characters` };
  return { ok: true, value: trimmed };
}

/** Only a final transcription segment is a turn; interim ones are the front end's business. */
export function isFinalTranscription(attributes: Readonly<Record<string, string>> | undefined): boolean {
  return attributes?.[TRANSCRIPTION_FINAL_ATTRIBUTE] === 'true';
}

/** A legacy `lk-chat-topic` packet: JSON `{ id, timestamp, message }`. */
export function legacyChatText(payload: Uint8Array): ParsedInput<string> {
  const json = parseJson(payload);
  if (!json.ok) return json;
  const message = legacyChatMessageSchema.safeParse(json.value);
  if (!message.success) return { ok: false, reason: `not a chat message (${message.error.issues[0]?.message ?? 'invalid'})` };
  return turnText(message.data.message);
}

/** A packet on `aside.tasks` from a front end: only `{ "type": "tasks.sync" }` means something. */
export function tasksTopicRequest(payload: Uint8Array): ParsedInput<'tasks.sync'> {
  const json = parseJson(payload);
  if (!json.ok) return json;
  const request = tasksTopicRequestSchema.safeParse(json.value);
  return request.success ? { ok: true, value: request.data.type } : { ok: false, reason: 'not a known request' };
}

function parseJson(payload: Uint8Array): ParsedInput<unknown> {
  try {
    return { ok: true, value: JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payload)) };
  } catch {
    return { ok: false, reason: 'malformed JSON' };
  }
}
