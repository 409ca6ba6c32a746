/**
 * End-of-speech detection by loudness alone — deliberately simple, and honest about it: a frame
 * is speech when its RMS level is above `thresholdDbfs`; an utterance starts after `startMs` of
 * speech in a row and ends after `silenceMs` of quiet. There is no noise suppression and no
 * learned voice model: steady background noise above the threshold keeps an utterance open
 * until `maxUtteranceMs` cuts it, and a soft voice below it is not heard. Time is counted in
 * samples, never by the clock, so the same audio always splits the same way.
 */
export interface SegmenterOptions {
  /** Default −45 dBFS: well above a quiet room's floor, well below conversational speech. */
  readonly thresholdDbfs?: number;
  /** Default 60 ms: clicks and pops shorter than this do not start an utterance. */
  readonly startMs?: number;
  /** Default 700 ms of quiet ends an utterance. */
  readonly silenceMs?: number;
  /** Default 300 ms of audio before the start is kept (the first syllable's onset). */
  readonly preRollMs?: number;
  /** Default 30 s: an utterance is cut there and sent on. */
  readonly maxUtteranceMs?: number;
}

/** One mono frame: its samples and their rate. */
export interface MonoFrame {
  readonly samples: Int16Array;
  readonly sampleRate: number;
}

export interface Utterance {
  readonly samples: Int16Array;
  readonly sampleRate: number;
}

export class EnergySegmenter {
  private readonly threshold: number;
  private readonly startMs: number;
  private readonly silenceMs: number;
  private readonly preRollMs: number;
  private readonly maxMs: number;
  /** Before an utterance: the last `preRollMs` of frames. In one: all its frames. */
  private frames: MonoFrame[] = [];
  private speaking = false;
  private loudMs = 0;
  private quietMs = 0;

  constructor(options: SegmenterOptions = {}) {
    this.threshold = options.thresholdDbfs ?? -45;
    this.startMs = options.startMs ?? 60;
    this.silenceMs = options.silenceMs ?? 700;
    this.preRollMs = options.preRollMs ?? 300;
    this.maxMs = options.maxUtteranceMs ?? 30_000;
  }

  /** Feeds one frame; answers the utterance it completed, if any. */
  push(frame: MonoFrame): Utterance | undefined {
    const ms = (frame.samples.length / frame.sampleRate) * 1000;
    const loud = levelDbfs(frame.samples) > this.threshold;
    this.frames.push(frame);
    if (!this.speaking) {
      this.loudMs = loud ? this.loudMs + ms : 0;
      if (this.loudMs >= this.startMs) {
        this.speaking = true;
        this.quietMs = 0;
      } else {
        this.keepPreRoll();
      }
      return undefined;
    }
    this.quietMs = loud ? 0 : this.quietMs + ms;
    if (this.quietMs >= this.silenceMs || durationMs(this.frames) >= this.maxMs) return this.cut();
    return undefined;
  }

  /** The audio ended: the utterance in progress, if any. */
  flush(): Utterance | undefined {
    return this.speaking ? this.cut() : undefined;
  }

  private cut(): Utterance {
    const frames = this.frames;
    this.frames = [];
    this.speaking = false;
    this.loudMs = 0;
    const samples = new Int16Array(frames.reduce((total, frame) => total + frame.samples.length, 0));
    let offset = 0;
    for (const frame of frames) {
      samples.set(frame.samples, offset);
      offset += frame.samples.length;
    }
    return { samples, sampleRate: frames[0]!.sampleRate };
  }

  private keepPreRoll(): void {
    while (this.frames.length > 1 && durationMs(this.frames.slice(1)) >= this.preRollMs) this.frames.shift();
  }
}

/** The frame's RMS level relative to full scale (−∞ for digital silence). */
export function levelDbfs(samples: Int16Array): number {
  if (samples.length === 0) return -Infinity;
  let sum = 0;
  for (const sample of samples) sum += sample * sample;
  return 20 * Math.log10(Math.sqrt(sum / samples.length) / 32768);
}

function durationMs(frames: readonly MonoFrame[]): number {
  return frames.reduce((total, frame) => total + (frame.samples.length / frame.sampleRate) * 1000, 0);
}
