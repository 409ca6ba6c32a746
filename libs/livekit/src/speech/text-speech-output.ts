import type { AgentParticipant } from '../room/room-surface.js';
import type { Speech, SpeechOutput } from './speech-output.js';
import { writeTranscription } from './transcription-writer.js';

/**
 * Speech as text only (no TTS configured): the transcription is the speech, and it has been
 * "played" once the front end has it.
 */
export class TextSpeechOutput implements SpeechOutput {
  constructor(private readonly agent: () => AgentParticipant) {}

  async speak(speech: Speech): Promise<'played' | 'interrupted'> {
    await writeTranscription(this.agent(), speech);
    return 'played';
  }

  async close(): Promise<void> {
    // Nothing held.
  }
}
