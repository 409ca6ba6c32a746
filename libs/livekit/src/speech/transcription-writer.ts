import { SEGMENT_ID_ATTRIBUTE, TRANSCRIBED_TRACK_ATTRIBUTE, TRANSCRIPTION_FINAL_ATTRIBUTE, TRANSCRIPTION_TOPIC } from '../protocol/room-topics.js';
import type { AgentParticipant } from '../room/room-surface.js';
import type { Speech } from './speech-output.js';

/**
 * Publishes a speech's text the way LiveKit agents do: one text stream on `lk.transcription`,
 * final, its segment id the speech id (and the audio track it accompanies, when there is one).
 */
export async function writeTranscription(agent: AgentParticipant, speech: Speech, trackSid?: string): Promise<void> {
  const writer = await agent.streamText({
    topic: TRANSCRIPTION_TOPIC,
    destinationIdentities: [speech.identity],
    attributes: {
      [TRANSCRIPTION_FINAL_ATTRIBUTE]: 'true',
      [SEGMENT_ID_ATTRIBUTE]: speech.speechId,
      ...(trackSid ? { [TRANSCRIBED_TRACK_ATTRIBUTE]: trackSid } : {}),
    },
  });
  await writer.write(speech.text);
  await writer.close();
}

/**
 * A user's utterance, transcribed here, back to them as LiveKit agents do: a final segment on
 * `lk.transcription` sent on behalf of the user (`senderIdentity`) for their audio track — what
 * front ends draw as the user's side of the conversation.
 */
export async function writeUserTranscription(
  agent: AgentParticipant,
  heard: { readonly identity: string; readonly trackSid: string; readonly segmentId: string; readonly text: string },
): Promise<void> {
  const writer = await agent.streamText({
    topic: TRANSCRIPTION_TOPIC,
    senderIdentity: heard.identity,
    destinationIdentities: [heard.identity],
    attributes: { [TRANSCRIPTION_FINAL_ATTRIBUTE]: 'true', [SEGMENT_ID_ATTRIBUTE]: heard.segmentId, [TRANSCRIBED_TRACK_ATTRIBUTE]: heard.trackSid },
  });
  await writer.write(heard.text);
  await writer.close();
}
