/**
 * Cuts a stream of raw PCM bytes (16-bit little-endian, mono) into frames of a fixed number of
 * samples. HTTP chunks end anywhere — mid-frame, even mid-sample — so the remainder is carried
 * over to the next chunk; `flush()` pads the last partial frame with silence.
 */
export class PcmFramer {
  private pending = new Uint8Array(0);

  constructor(private readonly samplesPerFrame: number) {}

  push(chunk: Uint8Array): Int16Array[] {
    const bytes = concat(this.pending, chunk);
    const frameBytes = this.samplesPerFrame * 2;
    const frames: Int16Array[] = [];
    let offset = 0;
    for (; offset + frameBytes <= bytes.length; offset += frameBytes) frames.push(samplesOf(bytes.subarray(offset, offset + frameBytes)));
    this.pending = bytes.slice(offset);
    return frames;
  }

  /** The last partial frame, padded with silence; undefined when nothing is left. */
  flush(): Int16Array | undefined {
    const whole = this.pending.subarray(0, this.pending.length - (this.pending.length % 2));
    this.pending = new Uint8Array(0);
    if (whole.length === 0) return undefined;
    const frame = new Int16Array(this.samplesPerFrame);
    frame.set(samplesOf(whole));
    return frame;
  }
}

function concat(head: Uint8Array, tail: Uint8Array): Uint8Array {
  if (head.length === 0) return tail;
  const joined = new Uint8Array(head.length + tail.length);
  joined.set(head);
  joined.set(tail, head.length);
  return joined;
}

/** Little-endian 16-bit samples, copied (the chunk's buffer may be reused or oddly aligned). */
function samplesOf(bytes: Uint8Array): Int16Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const samples = new Int16Array(bytes.length >> 1);
  for (let i = 0; i < samples.length; i += 1) samples[i] = view.getInt16(i * 2, true);
  return samples;
}
