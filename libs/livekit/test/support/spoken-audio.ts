import type { InputAudioFrame } from '../../src/hearing/user-audio.js';

const RATE = 16_000;
const FRAME_SAMPLES = 320; // 20 ms

/**
 * A user's microphone as the SDK's `AudioStream` would deliver it (16 kHz mono, 20 ms frames):
 * stretches of quiet and of "speech" (a loud tone), in order. The stream stays open after the
 * last frame, as a live track does: an utterance must end by its silence, not by the stream.
 */
export function microphone(parts: readonly { readonly speechMs?: number; readonly quietMs?: number }[]): ReadableStream<InputAudioFrame> {
  const frames = parts.flatMap((part) =>
    part.speechMs !== undefined ? framesOf(part.speechMs, (i) => Math.round(12_000 * Math.sin((2 * Math.PI * 220 * i) / RATE))) : framesOf(part.quietMs ?? 0, () => 0),
  );
  return new ReadableStream<InputAudioFrame>({
    start(controller) {
      for (const frame of frames) controller.enqueue(frame);
    },
  });
}

function framesOf(ms: number, sample: (i: number) => number): InputAudioFrame[] {
  const count = Math.round(ms / 20);
  return Array.from({ length: count }, (_, n) => {
    const data = Int16Array.from({ length: FRAME_SAMPLES }, (_, i) => sample(n * FRAME_SAMPLES + i));
    return { data, sampleRate: RATE, channels: 1, samplesPerChannel: FRAME_SAMPLES };
  });
}
