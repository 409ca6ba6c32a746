import { describe, expect, it } from '@jest/globals';
import { EnergySegmenter, levelDbfs } from '../src/hearing/energy-segmenter.js';
import { encodeWav } from '../src/hearing/wav-encoding.js';
import { PcmFramer } from '../src/speech/pcm-frames.js';

const tone = (samples: number, amplitude = 12_000) => Int16Array.from({ length: samples }, (_, i) => Math.round(amplitude * Math.sin(i / 3)));
const quiet = (samples: number) => new Int16Array(samples);
const frame = (samples: Int16Array) => ({ samples, sampleRate: 16_000 });

describe('PCM framing of the TTS stream', () => {
  it('cuts chunks that end anywhere (even mid-sample) into whole frames, and pads the last one', () => {
    const bytes = new Uint8Array(new Int16Array([1, 2, 3, 4, 5, 6, 7]).buffer);
    const framer = new PcmFramer(3);
    const frames = [...framer.push(bytes.subarray(0, 5)), ...framer.push(bytes.subarray(5, 9)), ...framer.push(bytes.subarray(9))];
    expect(frames.map((samples) => [...samples])).toEqual([[1, 2, 3], [4, 5, 6]]);
    expect([...framer.flush()!]).toEqual([7, 0, 0]);
    expect(framer.flush()).toBeUndefined();
  });
});

describe('energy-based end of speech', () => {
  it('starts an utterance on sustained loudness, ends it after the silence, with the pre-roll', () => {
    const segmenter = new EnergySegmenter({ silenceMs: 100, preRollMs: 40, startMs: 40 });
    const frames = [quiet(320), quiet(320), quiet(320), tone(320), tone(320), tone(320), quiet(320), quiet(320), quiet(320), quiet(320), quiet(320)];
    const cut = frames.map((samples) => segmenter.push(frame(samples))).filter((utterance) => utterance !== undefined);
    expect(cut).toHaveLength(1);
    // one frame of pre-roll + 3 loud + 5 quiet (100 ms) frames
    expect(cut[0]!.samples.length).toBe(320 * (1 + 3 + 5));
    expect(segmenter.flush()).toBeUndefined();
  });

  it('ignores a click shorter than startMs and cuts an endless utterance at maxUtteranceMs', () => {
    const segmenter = new EnergySegmenter({ startMs: 60, maxUtteranceMs: 200 });
    expect(segmenter.push(frame(tone(320)))).toBeUndefined();
    expect(segmenter.push(frame(quiet(320)))).toBeUndefined();
    expect(segmenter.flush()).toBeUndefined(); // the click started nothing
    const cut = Array.from({ length: 20 }, () => segmenter.push(frame(tone(320)))).filter((utterance) => utterance !== undefined);
    expect(cut.length).toBeGreaterThanOrEqual(1);
    expect(cut[0]!.samples.length).toBe(320 * 10);
  });

  it('measures level against full scale', () => {
    expect(levelDbfs(quiet(10))).toBe(-Infinity);
    expect(levelDbfs(Int16Array.from({ length: 10 }, () => 32_767))).toBeCloseTo(0, 1);
    expect(levelDbfs(tone(320, 100))).toBeLessThan(-45);
  });
});

describe('WAV encoding', () => {
  it('writes a RIFF/WAVE PCM16 mono header before the samples', () => {
    const wav = encodeWav(new Int16Array([0, 1000, -1000]), 16_000);
    const view = new DataView(wav.buffer);
    expect(new TextDecoder().decode(wav.subarray(0, 4))).toBe('RIFF');
    expect(view.getUint32(4, true)).toBe(36 + 6);
    expect([view.getUint16(20, true), view.getUint16(22, true), view.getUint32(24, true), view.getUint16(34, true)]).toEqual([1, 1, 16_000, 16]);
    expect(view.getUint32(40, true)).toBe(6);
    expect(view.getInt16(46, true)).toBe(1000);
    expect(view.getInt16(48, true)).toBe(-1000);
  });
});
