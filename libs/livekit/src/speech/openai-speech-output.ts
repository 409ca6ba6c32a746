import type { EngineLogger } from '@aside/engine';
import type OpenAI from 'openai';
import type { AgentParticipant } from '../room/room-surface.js';
import { ABORTED, raceAbort } from './abort-race.js';
import { PcmFramer } from './pcm-frames.js';
import type { SpeechAudio } from './speech-audio.js';
import type { Speech, SpeechOutput } from './speech-output.js';
import { writeTranscription } from './transcription-writer.js';
import { VoiceTurns } from './voice-turns.js';

export interface OpenAiSpeechOutputOptions {
  /** The agent participant of the current connection. */
  readonly agent: () => AgentParticipant;
  /** Any OpenAI-compatible server with `/audio/speech` and the `pcm` format. */
  readonly client: OpenAI;
  /** e.g. `gpt-4o-mini-tts`, `tts-1`. */
  readonly model: string;
  /** e.g. `alloy`. */
  readonly voice: string;
  readonly audio: SpeechAudio;
  readonly logger: EngineLogger;
  /** Default 20 ms. */
  readonly frameMs?: number;
}

/**
 * The agent's speech as audio (docs/livekit.md, "Speech audio"): synthesised by the openai SDK's
 * speech endpoint as raw PCM, streamed into an `AudioSource` in 20 ms frames while it arrives,
 * on a track published once per connection; the text goes out alongside as the transcription
 * of that track. `played` once the source has played the last frame out (`waitForPlayout`);
 * `interrupted` when the user barges in — the queued audio is dropped (`clearQueue`) at once.
 *
 * Without audio (the TTS server failed or refused, the track could not be published) the
 * speech is still said as text, and counts as played: the front end shows it, and the
 * conversation must not stall on a broken TTS. The failure is logged.
 */
export class OpenAiSpeechOutput implements SpeechOutput {
  private readonly turns = new VoiceTurns();
  private closing: Promise<void> | undefined;
  private published: { readonly agent: AgentParticipant; readonly trackSid: Promise<string | undefined> } | undefined;

  constructor(private readonly options: OpenAiSpeechOutputOptions) {}

  async speak(speech: Speech, bargeIn: AbortSignal): Promise<'played' | 'interrupted'> {
    const release = await this.turns.take(bargeIn);
    if (release === undefined) return 'interrupted';
    try {
      const agent = this.options.agent();
      const audio = await this.openAudio(agent, speech, bargeIn);
      if (bargeIn.aborted) return 'interrupted'; // cut in before a sound was made
      await writeTranscription(agent, speech, audio?.trackSid);
      if (audio === undefined) return 'played';
      return await this.play(audio.pcm, speech, bargeIn);
    } finally {
      release();
    }
  }

  async close(): Promise<void> {
    this.published = undefined;
    this.closing ??= this.options.audio.close();
    await this.closing;
  }

  /** The track to play on and the synthesised PCM; undefined when there is no audio for this speech. */
  private async openAudio(agent: AgentParticipant, speech: Speech, bargeIn: AbortSignal) {
    try {
      const trackSid = await this.trackOf(agent);
      const response = await this.options.client.audio.speech.create(
        { model: this.options.model, voice: this.options.voice, input: speech.text, response_format: 'pcm' },
        { signal: bargeIn },
      );
      if (response.body === null) throw new Error('the speech response has no body');
      return { trackSid, pcm: response.body };
    } catch (error) {
      if (!bargeIn.aborted) this.options.logger.warn({ sessionId: speech.sessionId, speechId: speech.speechId, err: error }, 'livekit: no audio for the speech; said as text only');
      return undefined;
    }
  }

  /** The agent's voice track on this connection, published on first use (a rejoin makes a new agent participant). */
  private trackOf(agent: AgentParticipant): Promise<string | undefined> {
    if (this.published?.agent !== agent) {
      const { audio } = this.options;
      const trackSid = agent.publishTrack(audio.createTrack(), audio.publishOptions()).then((publication) => publication.sid);
      this.published = { agent, trackSid };
      trackSid.catch(() => (this.published = undefined)); // try again with the next speech
    }
    return this.published!.trackSid;
  }

  private async play(pcm: ReadableStream<Uint8Array>, speech: Speech, bargeIn: AbortSignal): Promise<'played' | 'interrupted'> {
    const { audio } = this.options;
    const framer = new PcmFramer(Math.round((audio.sampleRate * (this.options.frameMs ?? 20)) / 1000));
    const reader = pcm.getReader();
    try {
      for (;;) {
        const chunk = await raceAbort(reader.read(), bargeIn);
        if (chunk === ABORTED) break;
        const frames = chunk.done ? [framer.flush()].filter((frame) => frame !== undefined) : framer.push(chunk.value);
        for (const samples of frames) if ((await raceAbort(audio.source.captureFrame(audio.frame(samples)), bargeIn)) === ABORTED) break;
        if (chunk.done || bargeIn.aborted) break;
      }
      if (!bargeIn.aborted) await raceAbort(audio.source.waitForPlayout(), bargeIn);
    } catch (error) {
      // The stream broke off: what was captured plays out; the text was published.
      this.options.logger.warn({ sessionId: speech.sessionId, speechId: speech.speechId, err: error }, 'livekit: speech audio cut short');
      if (!bargeIn.aborted) await raceAbort(audio.source.waitForPlayout(), bargeIn);
    } finally {
      reader.cancel().catch(() => undefined);
    }
    if (!bargeIn.aborted) return 'played';
    audio.source.clearQueue();
    return 'interrupted';
  }
}
