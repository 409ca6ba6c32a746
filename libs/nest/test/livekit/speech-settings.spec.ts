import { describe, expect, it } from '@jest/globals';
import { describeLiveKit, readLiveKitSettings } from '../../src/livekit/livekit-settings.js';
import { describeSpeech, readSpeechSettings } from '../../src/livekit/speech-settings.js';

const room = {
  LIVEKIT_URL: 'wss://demo.livekit.cloud',
  LIVEKIT_API_KEY: 'APIkey123',
  LIVEKIT_API_SECRET: 'sup3r-s3cret-value',
  ASIDE_LIVEKIT_ROOM: 'lobby',
  ASIDE_LIVEKIT_AGENT: 'desk',
};

describe('LiveKit speech audio settings from the environment', () => {
  it('is off (text only) without a model, even with an OpenAI key', () => {
    expect(readSpeechSettings({ OPENAI_API_KEY: 'sk-secret' })).toBeUndefined();
    expect(readLiveKitSettings({ ...room, OPENAI_API_KEY: 'sk-secret' })?.speech).toBeUndefined();
  });

  it('reads STT and TTS with their defaults, on OPENAI_API_KEY and OPENAI_BASE_URL', () => {
    const speech = readSpeechSettings({ ASIDE_LIVEKIT_STT_MODEL: 'whisper-1', ASIDE_LIVEKIT_TTS_MODEL: 'gpt-4o-mini-tts', OPENAI_API_KEY: 'sk-secret', OPENAI_BASE_URL: 'http://127.0.0.1:8000/v1' });
    expect(speech).toEqual({ apiKey: 'sk-secret', baseURL: 'http://127.0.0.1:8000/v1', stt: { model: 'whisper-1' }, tts: { model: 'gpt-4o-mini-tts', voice: 'alloy' } });
    expect(describeSpeech(speech!)).toBe('speech: STT whisper-1, TTS gpt-4o-mini-tts (voice alloy) on 127.0.0.1:8000');
  });

  it('prefers the dedicated speech server and key, and takes the optional tuning', () => {
    const speech = readSpeechSettings({
      ASIDE_LIVEKIT_STT_MODEL: 'gpt-4o-mini-transcribe',
      ASIDE_LIVEKIT_STT_LANGUAGE: 'en',
      ASIDE_LIVEKIT_STT_SILENCE_MS: '500',
      OPENAI_API_KEY: 'sk-llm',
      OPENAI_BASE_URL: 'https://llm.example/v1',
      ASIDE_SPEECH_API_KEY: 'speech-key',
      ASIDE_SPEECH_BASE_URL: 'https://user:pw@speech.example/v1',
    });
    expect(speech).toEqual({ apiKey: 'speech-key', baseURL: 'https://user:pw@speech.example/v1', stt: { model: 'gpt-4o-mini-transcribe', language: 'en', silenceMs: 500 } });
    expect(describeSpeech(speech!)).toBe('speech: STT gpt-4o-mini-transcribe, no TTS on speech.example'); // no key, no URL credentials
  });

  it('joins the LiveKit settings and the boot line, never with a key', () => {
    const settings = readLiveKitSettings({ ...room, ASIDE_LIVEKIT_TTS_MODEL: 'tts-1', ASIDE_LIVEKIT_TTS_VOICE: 'coral', OPENAI_API_KEY: 'sk-secret' });
    expect(settings?.speech).toEqual({ apiKey: 'sk-secret', tts: { model: 'tts-1', voice: 'coral' } });
    const line = describeLiveKit(settings);
    expect(line).toBe('LiveKit room lobby on wss://demo.livekit.cloud as aside-agent (agent desk, partition 0; speech: no STT, TTS tts-1 (voice coral) on api.openai.com)');
    expect(line).not.toContain('sk-secret');
  });

  it('refuses a bad or incomplete setting with one line naming it, never repeating a key', () => {
    expect(() => readSpeechSettings({ ASIDE_LIVEKIT_TTS_MODEL: 'tts-1' })).toThrow(/^ASIDE_LIVEKIT_TTS_MODEL needs ASIDE_SPEECH_API_KEY or OPENAI_API_KEY/);
    expect(() => readSpeechSettings({ ASIDE_LIVEKIT_STT_MODEL: 'whisper-1', ASIDE_LIVEKIT_TTS_MODEL: 'tts-1' })).toThrow(/^ASIDE_LIVEKIT_STT_MODEL and ASIDE_LIVEKIT_TTS_MODEL need /);
    expect(() => readSpeechSettings({ ASIDE_LIVEKIT_TTS_VOICE: 'coral', OPENAI_API_KEY: 'k' })).toThrow('ASIDE_LIVEKIT_TTS_VOICE needs ASIDE_LIVEKIT_TTS_MODEL as well');
    expect(() => readSpeechSettings({ ASIDE_LIVEKIT_STT_LANGUAGE: 'en', OPENAI_API_KEY: 'k' })).toThrow('ASIDE_LIVEKIT_STT_LANGUAGE needs ASIDE_LIVEKIT_STT_MODEL as well');
    expect(() => readSpeechSettings({ ASIDE_LIVEKIT_STT_MODEL: 'whisper 1', OPENAI_API_KEY: 'k' })).toThrow("ASIDE_LIVEKIT_STT_MODEL must be a model name without whitespace, got 'whisper 1'");
    expect(() => readSpeechSettings({ ASIDE_LIVEKIT_STT_MODEL: 'whisper-1', ASIDE_LIVEKIT_STT_SILENCE_MS: '50', OPENAI_API_KEY: 'k' })).toThrow(/^ASIDE_LIVEKIT_STT_SILENCE_MS must be an integer number of milliseconds from 100 to 10000, got '50'$/);
    expect(() => readSpeechSettings({ ASIDE_LIVEKIT_STT_MODEL: 'whisper-1', ASIDE_LIVEKIT_STT_LANGUAGE: 'English', OPENAI_API_KEY: 'k' })).toThrow(/^ASIDE_LIVEKIT_STT_LANGUAGE must be an ISO-639-1 language code/);
    expect(() => readSpeechSettings({ ASIDE_LIVEKIT_TTS_MODEL: 'tts-1', OPENAI_API_KEY: 'k', ASIDE_SPEECH_BASE_URL: 'speech.example' })).toThrow("ASIDE_SPEECH_BASE_URL must be an http:// or https:// URL of an OpenAI-compatible server, got 'speech.example'");
    expect(() => readSpeechSettings({ ASIDE_LIVEKIT_TTS_MODEL: 'tts-1', OPENAI_API_KEY: 'has a space' })).toThrow(/^the speech API key \(ASIDE_SPEECH_API_KEY or OPENAI_API_KEY\) must be a value without whitespace$/);
  });
});
