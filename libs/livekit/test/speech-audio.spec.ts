import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { StoredEvent } from '@aside/events/store';
import type { EngineLogger } from '@aside/engine';
import { openAiTranscriber } from '../src/hearing/openai-transcriber.js';
import { TranscribedSpeechInput } from '../src/hearing/speech-input.js';
import { OpenAiSpeechOutput } from '../src/speech/openai-speech-output.js';
import { loadRtcSpeechAudio } from '../src/speech/rtc-speech-audio.js';
import type { SpeechAudio } from '../src/speech/speech-audio.js';
import { FakeOpenAiAudio } from './support/fake-openai-audio.js';
import { RecordingAudio } from './support/recording-audio.js';
import { roomHarness } from './support/room-harness.js';
import { microphone } from './support/spoken-audio.js';
import type { ModelStep } from './support/scripted-model.js';

type Harness = Awaited<ReturnType<typeof roomHarness>>;

const userTexts = (log: readonly StoredEvent[]) =>
  log.filter((event) => event.type === 'ChatItemAdded' && (event.data as { item: { role?: string } }).item.role === 'user').map((event) => (event.data as { item: { text: string } }).item.text);
const finished = (event: StoredEvent) => event.type === 'SpeechFinished';

describe('speech audio in the LiveKit room (openai SDK against a local OpenAI-compatible server)', () => {
  const openai = new FakeOpenAiAudio();
  let makeAudio: (sampleRate?: number) => SpeechAudio;
  let harness: Harness | undefined;
  const warnings: string[] = [];
  const logger: EngineLogger = { debug: () => undefined, info: () => undefined, warn: (_fields, message) => warnings.push(message), error: (_fields, message) => warnings.push(message) };

  beforeAll(async () => {
    await openai.start();
    makeAudio = await loadRtcSpeechAudio();
  });
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
    warnings.length = 0;
  });
  afterAll(async () => {
    await openai.stop();
    const { dispose } = await import('@livekit/rtc-node');
    await dispose(); // else the native binding keeps the process alive
  });

  /** A room whose agent speaks through the TTS endpoint, onto a recorded real AudioSource. */
  async function speakingRoom(script: readonly ModelStep[]) {
    const audio = new RecordingAudio(makeAudio());
    harness = await roomHarness(script, {
      speech: (agent) => new OpenAiSpeechOutput({ agent, client: openai.client(), model: 'tts-test', voice: 'coral', audio, logger }),
    });
    await harness.transport.join();
    harness.server.join('alice');
    return { harness, audio, sessionId: await harness.sessionOf('alice') };
  }

  it("transcribes a user's utterance (WAV through /audio/transcriptions), submits it as their turn and shows it to them", async () => {
    openai.transcripts = ['Book a table for two.'];
    harness = await roomHarness([{ text: 'Done.' }], {
      hearing: (heard) =>
        new TranscribedSpeechInput({
          openAudio: () => microphone([{ quietMs: 400 }, { speechMs: 600 }, { quietMs: 1_000 }]),
          transcribe: openAiTranscriber(openai.client(), { model: 'whisper-test' }),
          heard,
          logger,
        }),
    });
    const { server } = harness;
    await harness.transport.join();
    server.join('alice');
    const sessionId = await harness.sessionOf('alice');
    server.subscribeAudio('alice', 'TR_alice_mic');

    await harness.untilLogged(sessionId, 'the spoken turn', (event) => userTexts([event]).length > 0);
    expect(userTexts(await harness.log(sessionId))).toEqual(['Book a table for two.']);
    expect(openai.transcriptions).toHaveLength(1); // one utterance: its end found by the silence, the quiet before it not sent
    const [request] = openai.transcriptions;
    expect(request).toMatchObject({ model: 'whisper-test', fileName: 'utterance.wav', authorization: 'Bearer test-key' });
    const header = new DataView(request!.audio.buffer, request!.audio.byteOffset);
    expect(new TextDecoder().decode(request!.audio.subarray(0, 4))).toBe('RIFF');
    expect(new TextDecoder().decode(request!.audio.subarray(8, 12))).toBe('WAVE');
    expect(header.getUint32(24, true)).toBe(16_000);
    const seconds = header.getUint32(40, true) / 2 / 16_000;
    expect(seconds).toBeGreaterThanOrEqual(0.6 + 0.7); // the speech and the silence that ended it
    expect(seconds).toBeLessThanOrEqual(0.3 + 0.6 + 0.7 + 0.02); // at most the pre-roll before it

    await server.until(() => server.texts.some((text) => text.sender === 'alice'), "the user's transcription");
    expect(server.texts.find((text) => text.sender === 'alice')).toMatchObject({
      topic: 'lk.transcription',
      text: 'Book a table for two.',
      to: ['alice'],
      attributes: { 'lk.transcription_final': 'true', 'lk.segment_id': 'TR_alice_mic-1', 'lk.transcribed_track_id': 'TR_alice_mic' },
    });
    await server.until(() => server.texts.some((text) => text.text === 'Done.'), 'the answer');
  });

  it("synthesises the agent's speech as PCM, plays it on the agent's track and reports it played once played out", async () => {
    openai.speechMs = 300;
    const { harness, audio, sessionId } = await speakingRoom([{ text: 'Hello from Aside.' }, { text: 'Again.' }]);
    const { server } = harness;
    server.sendText('alice', 'lk.chat', 'Hi');
    const first = await harness.untilLogged(sessionId, 'the first speech finished', finished);
    expect(first.data).toMatchObject({ status: 'played', cause: 'playout' });
    expect(audio.playedOut).toBe(1); // reported after the source played the last frame out, not when it was queued

    expect(openai.speeches[0]).toEqual({ model: 'tts-test', voice: 'coral', input: 'Hello from Aside.', responseFormat: 'pcm' });
    expect(audio.frames.every((frame) => frame.sampleRate === 24_000 && frame.channels === 1 && frame.samplesPerChannel === 480)).toBe(true);
    expect(audio.frames).toHaveLength(15); // 300 ms in 20 ms frames, whatever the HTTP chunking
    expect(audio.frames[0]!.data.some((sample) => sample !== 0)).toBe(true);
    expect(server.tracks).toHaveLength(1);
    expect(server.tracks[0]!.options.source).toBe(2 /* TrackSource.SOURCE_MICROPHONE */);
    expect(server.texts.find((text) => text.text === 'Hello from Aside.')).toMatchObject({
      to: ['alice'],
      attributes: { 'lk.transcribed_track_id': server.tracks[0]!.sid, 'lk.segment_id': (first.data as { speechId: string }).speechId },
    });

    server.sendText('alice', 'lk.chat', 'Once more');
    await harness.untilLogged(sessionId, 'the second speech finished', (event) => finished(event) && event.position > first.position);
    expect(server.tracks).toHaveLength(1); // published once per connection
    expect(audio.frames).toHaveLength(30);
  });

  it('drops the queued audio and reports interrupted when the user barges in', async () => {
    openai.speechMs = 3_000;
    const { harness, audio, sessionId } = await speakingRoom([{ text: 'A very long story about flights.' }]);
    const { server } = harness;
    server.sendText('alice', 'lk.chat', 'Tell me everything');
    await audio.until(() => audio.frames.length >= 5, 'the speech playing');

    server.setActiveSpeakers(['alice']);
    const stopped = await harness.untilLogged(sessionId, 'the speech finished', finished);
    expect(stopped.data).toMatchObject({ status: 'interrupted' });
    expect(audio.cleared).toBe(1);
    expect(audio.playedOut).toBe(0);
    expect(audio.frames.length).toBeLessThan(150); // the rest of the 3 s was never captured
    expect(server.texts.some((text) => text.text === 'A very long story about flights.')).toBe(true);
  });

  it('says the speech as text and counts it played when the TTS endpoint fails, and the conversation goes on', async () => {
    openai.speechStatus = 500;
    try {
      const { harness, audio, sessionId } = await speakingRoom([{ text: 'Still here.' }]);
      const { server } = harness;
      server.sendText('alice', 'lk.chat', 'Hello?');
      const done = await harness.untilLogged(sessionId, 'the speech finished', finished);
      expect(done.data).toMatchObject({ status: 'played' });
      const text = server.texts.find((candidate) => candidate.text === 'Still here.');
      expect(text?.attributes['lk.transcribed_track_id']).toBeUndefined(); // no audio accompanies it
      expect(audio.frames).toHaveLength(0);
      expect(warnings).toContain('livekit: no audio for the speech; said as text only');
      expect((await harness.gateway.getSession(sessionId)).status).toBe('active');
    } finally {
      openai.speechStatus = 200;
    }
  });
});
