import type { EngineLogger } from '@aside/engine';
import { OpenAI } from 'openai';
import { openAiTranscriber } from './hearing/openai-transcriber.js';
import { TranscribedSpeechInput } from './hearing/speech-input.js';
import { rtcUserAudio } from './hearing/user-audio.js';
import type { LiveKitRoomTransportOptions } from './livekit-room-transport.js';
import { OpenAiSpeechOutput } from './speech/openai-speech-output.js';
import { loadRtcSpeechAudio } from './speech/rtc-speech-audio.js';

/** Speech audio through an OpenAI-compatible server (docs/livekit.md, "Speech audio"). */
export interface OpenAiVoiceSettings {
  readonly apiKey: string;
  /** Any compatible server; default OpenAI's. */
  readonly baseURL?: string;
  /** Transcribe the users' audio tracks with this model (`whisper-1`, `gpt-4o-mini-transcribe`…). */
  readonly stt?: { readonly model: string; readonly language?: string; readonly silenceMs?: number };
  /** Speak with this model and voice (`gpt-4o-mini-tts` / `alloy`…), published as the agent's audio track. */
  readonly tts?: { readonly model: string; readonly voice: string };
}

/**
 * The transport's `speech` and `hearing` for these settings, on one openai client. Each
 * transport built with them gets its own audio source. Loads `@livekit/rtc-node`'s audio
 * classes only for the parts configured.
 */
export async function openAiVoice(settings: OpenAiVoiceSettings, logger: EngineLogger): Promise<Pick<LiveKitRoomTransportOptions, 'speech' | 'hearing'>> {
  const client = new OpenAI({ apiKey: settings.apiKey, ...(settings.baseURL ? { baseURL: settings.baseURL } : {}) });
  const { stt, tts } = settings;
  const [speechAudio, openAudio] = await Promise.all([tts ? loadRtcSpeechAudio() : undefined, stt ? rtcUserAudio() : undefined]);
  return {
    ...(tts && speechAudio
      ? { speech: (agent) => new OpenAiSpeechOutput({ agent, client, model: tts.model, voice: tts.voice, audio: speechAudio(), logger }) }
      : {}),
    ...(stt && openAudio
      ? {
          hearing: (heard) =>
            new TranscribedSpeechInput({
              openAudio,
              transcribe: openAiTranscriber(client, { model: stt.model, ...(stt.language ? { language: stt.language } : {}) }),
              heard,
              logger,
              ...(stt.silenceMs !== undefined ? { segmenter: { silenceMs: stt.silenceMs } } : {}),
            }),
        }
      : {}),
  };
}
