import type { AudioFrame } from '@livekit/rtc-node';
import type { SpeechAudio } from '../../src/speech/speech-audio.js';
import { Observed } from './observed.js';

/**
 * The real `@livekit/rtc-node` voice (its `AudioSource` plays out in real time even without a
 * server), with what the TTS output does to it recorded: the frames captured, whether the
 * playout was awaited to its end, and each `clearQueue()`.
 */
export class RecordingAudio extends Observed implements SpeechAudio {
  readonly frames: AudioFrame[] = [];
  cleared = 0;
  playedOut = 0;

  constructor(private readonly real: SpeechAudio) {
    super();
  }

  get sampleRate(): number {
    return this.real.sampleRate;
  }

  readonly source: SpeechAudio['source'] = {
    captureFrame: async (frame) => {
      this.frames.push(frame);
      this.changed();
      await this.real.source.captureFrame(frame);
    },
    waitForPlayout: async () => {
      await this.real.source.waitForPlayout();
      this.playedOut += 1;
      this.changed();
    },
    clearQueue: () => {
      this.cleared += 1;
      this.real.source.clearQueue();
      this.changed();
    },
    close: () => this.real.source.close(),
  };

  createTrack = () => this.real.createTrack();
  publishOptions = () => this.real.publishOptions();
  frame = (samples: Int16Array) => this.real.frame(samples);
  close = () => this.real.close();

}
