import { z } from 'zod';
import type { OpenAiVoiceSettings } from '@aside/livekit';
import { integerRule, readEnvSetting, type EnvRule } from '../config/env-settings.js';

const modelRule: EnvRule<string> = { schema: z.string().regex(/^\S{1,200}$/), expected: 'a model name without whitespace' };
const voiceRule: EnvRule<string> = { schema: z.string().regex(/^\S{1,200}$/), expected: 'a voice name without whitespace' };
const languageRule: EnvRule<string> = { schema: z.string().regex(/^[a-z]{2,3}$/), expected: 'an ISO-639-1 language code such as en' };
const silenceRule = integerRule(100, 'an integer number of milliseconds from 100 to 10000', 10_000);
const baseUrlRule: EnvRule<string> = {
  schema: z.string().refine((value) => /^https?:$/.test(protocolOf(value) ?? ''), 'not an http(s) URL'),
  expected: 'an http:// or https:// URL of an OpenAI-compatible server',
};

const DEFAULT_VOICE = 'alloy';

/**
 * The room's speech audio (docs/livekit.md, "Speech audio"): ASIDE_LIVEKIT_STT_MODEL turns the
 * transcription of the users' audio on (with ASIDE_LIVEKIT_STT_LANGUAGE and
 * ASIDE_LIVEKIT_STT_SILENCE_MS, the quiet that ends an utterance, default 700), and
 * ASIDE_LIVEKIT_TTS_MODEL the agent's voice (ASIDE_LIVEKIT_TTS_VOICE, default alloy). Both talk
 * to ASIDE_SPEECH_BASE_URL with ASIDE_SPEECH_API_KEY, by default OPENAI_BASE_URL and
 * OPENAI_API_KEY. Neither model set → undefined (text only). A malformed or missing value
 * throws one line naming it; a key is never repeated.
 */
export function readSpeechSettings(env: NodeJS.ProcessEnv): OpenAiVoiceSettings | undefined {
  const sttModel = readEnvSetting<string | undefined>(env, 'ASIDE_LIVEKIT_STT_MODEL', modelRule, undefined);
  const ttsModel = readEnvSetting<string | undefined>(env, 'ASIDE_LIVEKIT_TTS_MODEL', modelRule, undefined);
  const language = readEnvSetting<string | undefined>(env, 'ASIDE_LIVEKIT_STT_LANGUAGE', languageRule, undefined);
  const silenceMs = readEnvSetting<number | undefined>(env, 'ASIDE_LIVEKIT_STT_SILENCE_MS', silenceRule, undefined);
  const voice = readEnvSetting<string | undefined>(env, 'ASIDE_LIVEKIT_TTS_VOICE', voiceRule, undefined);
  if (sttModel === undefined && (language !== undefined || silenceMs !== undefined)) {
    throw new Error(`${language !== undefined ? 'ASIDE_LIVEKIT_STT_LANGUAGE' : 'ASIDE_LIVEKIT_STT_SILENCE_MS'} needs ASIDE_LIVEKIT_STT_MODEL as well`);
  }
  if (ttsModel === undefined && voice !== undefined) throw new Error('ASIDE_LIVEKIT_TTS_VOICE needs ASIDE_LIVEKIT_TTS_MODEL as well');
  if (sttModel === undefined && ttsModel === undefined) return undefined;
  const apiKey = nonBlank(env['ASIDE_SPEECH_API_KEY']) ?? nonBlank(env['OPENAI_API_KEY']);
  if (apiKey === undefined) {
    const wanted = [sttModel !== undefined ? 'ASIDE_LIVEKIT_STT_MODEL' : undefined, ttsModel !== undefined ? 'ASIDE_LIVEKIT_TTS_MODEL' : undefined].filter(Boolean).join(' and ');
    throw new Error(`${wanted} need${wanted.includes(' and ') ? '' : 's'} ASIDE_SPEECH_API_KEY or OPENAI_API_KEY (any value for a server that wants none)`);
  }
  if (/\s/.test(apiKey)) throw new Error('the speech API key (ASIDE_SPEECH_API_KEY or OPENAI_API_KEY) must be a value without whitespace');
  const baseURL =
    readEnvSetting<string | undefined>(env, 'ASIDE_SPEECH_BASE_URL', baseUrlRule, undefined) ??
    readEnvSetting<string | undefined>(env, 'OPENAI_BASE_URL', baseUrlRule, undefined);
  return {
    apiKey,
    ...(baseURL !== undefined ? { baseURL } : {}),
    ...(sttModel !== undefined ? { stt: { model: sttModel, ...(language !== undefined ? { language } : {}), ...(silenceMs !== undefined ? { silenceMs } : {}) } } : {}),
    ...(ttsModel !== undefined ? { tts: { model: ttsModel, voice: voice ?? DEFAULT_VOICE } } : {}),
  };
}

/** The boot line's words, never the key nor a URL's credentials: `speech: STT whisper-1, TTS tts-1 (voice alloy) on api.openai.com`. */
export function describeSpeech(speech: OpenAiVoiceSettings): string {
  const parts = [speech.stt ? `STT ${speech.stt.model}` : 'no STT', speech.tts ? `TTS ${speech.tts.model} (voice ${speech.tts.voice})` : 'no TTS'];
  const server = speech.baseURL !== undefined ? safeHost(speech.baseURL) : 'api.openai.com';
  return `speech: ${parts.join(', ')} on ${server}`;
}

function nonBlank(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

function protocolOf(value: string): string | undefined {
  try {
    return new URL(value).protocol;
  } catch {
    return undefined;
  }
}

function safeHost(value: string): string {
  try {
    return new URL(value).host;
  } catch {
    return 'a custom server';
  }
}
