import { toFile, type OpenAI } from 'openai';
import { z } from 'zod';
import { encodeWav } from './wav-encoding.js';
import type { Utterance } from './energy-segmenter.js';

/** What we read of the answer: the `json` format's text (any compatible server's answer is checked). */
const transcriptionSchema = z.object({ text: z.string() });

/** Turns one utterance into text. */
export type Transcribe = (utterance: Utterance, signal: AbortSignal) => Promise<string>;

/**
 * The openai SDK's transcription endpoint (`/audio/transcriptions`, multipart with the audio as
 * a WAV file) on any compatible base URL; `model` e.g. `whisper-1` or `gpt-4o-mini-transcribe`.
 */
export function openAiTranscriber(client: OpenAI, options: { readonly model: string; readonly language?: string }): Transcribe {
  return async (utterance, signal) => {
    const file = await toFile(encodeWav(utterance.samples, utterance.sampleRate), 'utterance.wav', { type: 'audio/wav' });
    const answer = await client.audio.transcriptions.create(
      { file, model: options.model, response_format: 'json', ...(options.language ? { language: options.language } : {}) },
      { signal },
    );
    return transcriptionSchema.parse(answer).text;
  };
}
