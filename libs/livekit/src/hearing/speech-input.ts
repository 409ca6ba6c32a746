import type { EngineLogger } from '@aside/engine';
import type { RemoteTrack } from '@livekit/rtc-node';
import type { SegmenterOptions } from './energy-segmenter.js';
import type { Transcribe } from './openai-transcriber.js';
import { TrackTranscription, type HeardText } from './track-transcription.js';
import type { OpenUserAudio } from './user-audio.js';

/** The users' speech as text: the transport hands it the users' audio tracks, and hears their utterances. */
export interface SpeechInput {
  /** Starts transcribing a user's audio track (again after a rejoin: the previous listener on it stops). */
  listen(identity: string, track: RemoteTrack): void;
  /** Stops transcribing one of the user's tracks, or all of them (they left). */
  stop(identity: string, trackSid?: string): void;
  close(): Promise<void>;
}

export interface TranscribedSpeechInputOptions {
  readonly openAudio: OpenUserAudio;
  readonly transcribe: Transcribe;
  readonly heard: (text: HeardText) => void;
  readonly segmenter?: SegmenterOptions;
  readonly logger: EngineLogger;
}

/** Speech input by utterance: energy-based end of speech, then a transcription request per utterance. */
export class TranscribedSpeechInput implements SpeechInput {
  private readonly listeners = new Map<string, Map<string, TrackTranscription>>();

  constructor(private readonly options: TranscribedSpeechInputOptions) {}

  listen(identity: string, track: RemoteTrack): void {
    const trackSid = track.sid ?? 'unknown-track';
    this.stop(identity, trackSid);
    const { openAudio, transcribe, heard, segmenter, logger } = this.options;
    const listener = new TrackTranscription({ identity, trackSid, frames: openAudio(track), transcribe, heard, logger, ...(segmenter ? { segmenter } : {}) });
    const tracks = this.listeners.get(identity) ?? new Map<string, TrackTranscription>();
    tracks.set(trackSid, listener);
    this.listeners.set(identity, tracks);
    void listener.finished.then(() => {
      if (tracks.get(trackSid) === listener) tracks.delete(trackSid);
    });
    logger.debug({ identity, trackSid }, 'livekit: transcribing a user audio track');
  }

  stop(identity: string, trackSid?: string): void {
    const tracks = this.listeners.get(identity);
    if (tracks === undefined) return;
    for (const [sid, listener] of tracks) {
      if (trackSid !== undefined && sid !== trackSid) continue;
      listener.stop();
      tracks.delete(sid);
    }
    if (tracks.size === 0) this.listeners.delete(identity);
  }

  async close(): Promise<void> {
    const all = [...this.listeners.values()].flatMap((tracks) => [...tracks.values()]);
    this.listeners.clear();
    for (const listener of all) listener.stop();
    await Promise.all(all.map((listener) => listener.finished));
  }
}
