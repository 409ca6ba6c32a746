import type { AudioFrame, AudioSource, LocalAudioTrack, TrackPublishOptions } from '@livekit/rtc-node';

/** What the TTS output does with `@livekit/rtc-node`'s `AudioSource`: queue frames, await or drop the queue. */
export type SpeechAudioSource = Pick<AudioSource, 'captureFrame' | 'waitForPlayout' | 'clearQueue' | 'close'>;

/**
 * The agent's voice as `@livekit/rtc-node` makes it: one audio source, and a track carrying it
 * for each connection's agent participant. `rtcSpeechAudio()` is the real one; tests may wrap
 * its source to watch what is captured and cleared.
 */
export interface SpeechAudio {
  /** Samples per second of the source and of every frame (the TTS's PCM rate). */
  readonly sampleRate: number;
  readonly source: SpeechAudioSource;
  /** A new track on the source (a new connection publishes its own). */
  createTrack(): LocalAudioTrack;
  /** Published as the agent's microphone: what front ends play and visualise. */
  publishOptions(): TrackPublishOptions;
  /** One mono frame of these samples. */
  frame(samples: Int16Array): AudioFrame;
  /** Closes the tracks made and the source. */
  close(): Promise<void>;
}
