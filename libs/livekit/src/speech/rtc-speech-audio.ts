import type { LocalAudioTrack } from '@livekit/rtc-node';
import type { SpeechAudio } from './speech-audio.js';

/** OpenAI's `pcm` speech format: 24 kHz, 16-bit, mono. */
export const TTS_SAMPLE_RATE = 24_000;
const TRACK_NAME = 'aside-agent-voice';

/**
 * Makes the agent's voice from `@livekit/rtc-node` (a fresh source for each transport) — loaded
 * when a TTS is configured, so a gateway without one never loads the native binding for it.
 * (The binding's `dispose()` is the room factory's, called at shutdown.)
 */
export async function loadRtcSpeechAudio(): Promise<(sampleRate?: number) => SpeechAudio> {
  const rtc = await import('@livekit/rtc-node');
  return (sampleRate = TTS_SAMPLE_RATE) => rtcSpeechAudio(rtc, sampleRate);
}

function rtcSpeechAudio(rtc: typeof import('@livekit/rtc-node'), sampleRate: number): SpeechAudio {
  const { AudioFrame, AudioSource, LocalAudioTrack, TrackPublishOptions, TrackSource } = rtc;
  const source = new AudioSource(sampleRate, 1);
  const tracks: LocalAudioTrack[] = [];
  return {
    sampleRate,
    source,
    createTrack() {
      const track = LocalAudioTrack.createAudioTrack(TRACK_NAME, source);
      tracks.push(track);
      return track;
    },
    publishOptions: () => new TrackPublishOptions({ source: TrackSource.SOURCE_MICROPHONE }),
    frame: (samples) => new AudioFrame(samples, sampleRate, 1, samples.length),
    async close() {
      await Promise.all(tracks.splice(0).map((track) => track.close(false).catch(() => undefined)));
      await source.close();
    },
  };
}
