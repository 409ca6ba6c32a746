import type { StoredEvent } from '@aside/events/store';

/** Where frames go: a WebSocket, seen only through what backpressure needs. */
export interface FrameSink {
  /** Bytes queued for the client and not yet handed to the kernel. */
  readonly bufferedAmount: number;
  readonly open: boolean;
  send(frame: string): void;
}

export interface PumpOptions {
  /** Stop reading from the source while more than this many bytes wait for the client. */
  readonly highWaterBytes: number;
  /** Give up on a client whose buffer stays above the mark this long. */
  readonly stallTimeoutMs: number;
  readonly signal: AbortSignal;
  /** How often a full buffer is re-checked. Default 20 ms. */
  readonly pollMs?: number;
}

/** `ended`: the source finished; `stopped`: the client left or the pump was aborted; `stalled`: the client is too slow. */
export type PumpOutcome = 'ended' | 'stopped' | 'stalled';

export function eventFrame(event: StoredEvent): string {
  return JSON.stringify({ type: 'event', event });
}

/**
 * Sends one frame per event. Backpressure: after a send that leaves the client's buffer above
 * the high-water mark, no further event is read from the source until the buffer has drained
 * to half the mark, so a slow client holds at most about one mark (plus one event) in memory;
 * one that does not drain within `stallTimeoutMs` is given up (`stalled`).
 */
export async function pumpEvents(events: AsyncIterable<StoredEvent>, sink: FrameSink, options: PumpOptions): Promise<PumpOutcome> {
  for await (const event of events) {
    if (options.signal.aborted || !sink.open) return 'stopped';
    sink.send(eventFrame(event));
    if (sink.bufferedAmount > options.highWaterBytes) {
      const drained = await waitForDrain(sink, options);
      if (drained !== 'drained') return drained;
    }
  }
  return options.signal.aborted ? 'stopped' : 'ended';
}

async function waitForDrain(sink: FrameSink, options: PumpOptions): Promise<'drained' | 'stopped' | 'stalled'> {
  const lowWater = Math.floor(options.highWaterBytes / 2);
  const pollMs = options.pollMs ?? 20;
  let waited = 0;
  while (sink.bufferedAmount > lowWater) {
    if (waited >= options.stallTimeoutMs) return 'stalled';
    await delay(pollMs, options.signal);
    if (options.signal.aborted || !sink.open) return 'stopped';
    waited += pollMs;
  }
  return 'drained';
}

/** Resolves after `ms`, or at once when the signal aborts. */
function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
