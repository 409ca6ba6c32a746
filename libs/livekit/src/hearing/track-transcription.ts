import type { EngineLogger } from '@aside/engine';
import { EnergySegmenter, type SegmenterOptions } from './energy-segmenter.js';
import type { Transcribe } from './openai-transcriber.js';
import { monoSamples, type InputAudioFrame } from './user-audio.js';

/** One utterance of a user, transcribed. */
export interface HeardText {
  readonly identity: string;
  /** The audio track it was heard on. */
  readonly trackSid: string;
  /** Unique per track: `<trackSid>-<n>`, n counting the track's utterances from 1. */
  readonly segmentId: string;
  readonly text: string;
}

export interface TrackTranscriptionOptions {
  readonly identity: string;
  readonly trackSid: string;
  readonly frames: ReadableStream<InputAudioFrame>;
  readonly transcribe: Transcribe;
  readonly heard: (text: HeardText) => void;
  readonly segmenter?: SegmenterOptions;
  readonly logger: EngineLogger;
}

/**
 * Listens to one user audio track: cuts it into utterances as the frames arrive and transcribes
 * them one at a time, in order (a user's turns must not overtake each other). A failed
 * transcription is logged and that utterance dropped; listening goes on. Ends when the track's
 * stream ends (the utterance in progress is still transcribed) or `stop()` is called (it is not).
 */
export class TrackTranscription {
  private readonly stopped = new AbortController();
  private readonly segmenter: EnergySegmenter;
  private transcribing: Promise<void> = Promise.resolve();
  private utterances = 0;
  /** Settles once the stream is read to its end and every utterance is transcribed. */
  readonly finished: Promise<void>;

  constructor(private readonly options: TrackTranscriptionOptions) {
    this.segmenter = new EnergySegmenter(options.segmenter);
    this.finished = this.listen();
  }

  stop(): void {
    this.stopped.abort();
  }

  private async listen(): Promise<void> {
    const reader = this.options.frames.getReader();
    const cancel = () => void reader.cancel().catch(() => undefined);
    this.stopped.signal.addEventListener('abort', cancel, { once: true });
    try {
      for (;;) {
        const next = await reader.read();
        if (next.done || this.stopped.signal.aborted) break;
        const utterance = this.segmenter.push({ samples: monoSamples(next.value), sampleRate: next.value.sampleRate });
        if (utterance) this.enqueue(utterance);
      }
      const last = this.stopped.signal.aborted ? undefined : this.segmenter.flush();
      if (last) this.enqueue(last);
    } catch (error) {
      if (!this.stopped.signal.aborted) this.options.logger.warn({ identity: this.options.identity, err: error }, 'livekit: user audio no longer read');
    } finally {
      this.stopped.signal.removeEventListener('abort', cancel);
    }
    await this.transcribing;
  }

  private enqueue(utterance: Parameters<Transcribe>[0]): void {
    const segmentId = `${this.options.trackSid}-${++this.utterances}`;
    this.transcribing = this.transcribing.then(() => this.transcribeOne(utterance, segmentId));
  }

  private async transcribeOne(utterance: Parameters<Transcribe>[0], segmentId: string): Promise<void> {
    const { identity, trackSid, logger } = this.options;
    if (this.stopped.signal.aborted) return;
    try {
      const text = (await this.options.transcribe(utterance, this.stopped.signal)).trim();
      if (text === '' || this.stopped.signal.aborted) return;
      this.options.heard({ identity, trackSid, segmentId, text });
    } catch (error) {
      if (!this.stopped.signal.aborted) logger.warn({ identity, segmentId, err: error }, 'livekit: utterance not transcribed; dropped');
    }
  }
}
