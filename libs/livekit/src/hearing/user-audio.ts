import type { AudioFrame, RemoteTrack } from '@livekit/rtc-node';

/** What the transcription reads of each frame of a user's audio. */
export type InputAudioFrame = Pick<AudioFrame, 'data' | 'sampleRate' | 'channels' | 'samplesPerChannel'>;

/**
 * Opens a stream of a subscribed user audio track's frames: `@livekit/rtc-node`'s `AudioStream`
 * (resampled to 16 kHz mono) for real rooms, a stream of prepared frames in tests.
 */
export type OpenUserAudio = (track: RemoteTrack) => ReadableStream<InputAudioFrame>;

/** The sample rate the transcription asks the SDK for: what speech models are trained on. */
export const STT_SAMPLE_RATE = 16_000;

/** The real streams, loaded with `@livekit/rtc-node` only when a transcription model is configured. */
export async function rtcUserAudio(): Promise<OpenUserAudio> {
  const { AudioStream } = await import('@livekit/rtc-node');
  return (track) => new AudioStream(track, { sampleRate: STT_SAMPLE_RATE, numChannels: 1, frameSizeMs: 20 });
}

/** The first channel's samples (the stream is asked for mono; this keeps a stereo frame usable too). */
export function monoSamples(frame: InputAudioFrame): Int16Array {
  if (frame.channels <= 1) return frame.data;
  const mono = new Int16Array(frame.samplesPerChannel);
  for (let i = 0; i < mono.length; i += 1) mono[i] = frame.data[i * frame.channels]!;
  return mono;
}
