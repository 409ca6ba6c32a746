/**
 * The names LiveKit front ends already use (the agents playground, the starter apps and
 * `@livekit/components` read and write them), and the one topic of our own.
 */

/** Text streams a user types into (`sendText(text, { topic: 'lk.chat' })`). */
export const CHAT_TOPIC = 'lk.chat';
/** Older front ends send chat as data packets on this topic: JSON `{ id, timestamp, message }`. */
export const LEGACY_CHAT_TOPIC = 'lk-chat-topic';
/** Transcriptions, both ways: the agent's speech as text, and a user's speech transcribed by the front end. */
export const TRANSCRIPTION_TOPIC = 'lk.transcription';
/** `'true'` on the final segment of a transcription. */
export const TRANSCRIPTION_FINAL_ATTRIBUTE = 'lk.transcription_final';
export const SEGMENT_ID_ATTRIBUTE = 'lk.segment_id';
/** The audio track a transcription belongs to (the agent's speech track when audio is published). */
export const TRANSCRIBED_TRACK_ATTRIBUTE = 'lk.transcribed_track_id';
/** The agent participant's state as front ends draw it (`useVoiceAssistant().state`). */
export const AGENT_STATE_ATTRIBUTE = 'lk.agent.state';

/** Aside's own topic: task lifecycle as JSON data packets, and the front end's `tasks.sync` request. */
export const TASKS_TOPIC = 'aside.tasks';
