import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import type { StoredEvent } from '@aside/events/store';
import { eventFrame, pumpEvents, type FrameSink } from '../../src/http-api/stream/event-pump.js';

/** A sink whose buffer the test fills and drains by hand. */
class FakeSink implements FrameSink {
  bufferedAmount = 0;
  open = true;
  readonly sent: string[] = [];
  constructor(private readonly bytesPerFrame: number) {}
  send(frame: string): void {
    this.sent.push(frame);
    this.bufferedAmount += this.bytesPerFrame;
  }
}

/** An endless source that counts how many events were pulled from it. */
function endlessSource(): { events: AsyncIterable<StoredEvent>; pulled: () => number; returned: () => boolean } {
  let pulled = 0;
  let returned = false;
  const events = {
    [Symbol.asyncIterator]: () => ({
      next: async () => {
        pulled += 1;
        return { done: false, value: { position: pulled } as StoredEvent };
      },
      return: async () => {
        returned = true;
        return { done: true as const, value: undefined };
      },
    }),
  };
  return { events, pulled: () => pulled, returned: () => returned };
}

async function* finite(count: number): AsyncIterable<StoredEvent> {
  for (let position = 1; position <= count; position += 1) yield { position } as StoredEvent;
}

describe('pumpEvents (backpressure)', () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('sends one { type: "event" } frame per event and ends with the source', async () => {
    const sink = new FakeSink(10);
    const outcome = await pumpEvents(finite(3), sink, { highWaterBytes: 1_000, stallTimeoutMs: 1_000, signal: new AbortController().signal });
    expect(outcome).toBe('ended');
    expect(sink.sent.map((frame) => JSON.parse(frame))).toEqual([1, 2, 3].map((position) => ({ type: 'event', event: { position } })));
    expect(sink.sent[0]).toBe(eventFrame({ position: 1 } as StoredEvent));
  });

  it('stops reading from the source while the client buffer is above the mark, and resumes once it drains', async () => {
    const sink = new FakeSink(100);
    const source = endlessSource();
    const abort = new AbortController();
    const pumping = pumpEvents(source.events, sink, { highWaterBytes: 250, stallTimeoutMs: 10_000, signal: abort.signal, pollMs: 10 });
    await jest.advanceTimersByTimeAsync(500);
    // 3 frames put 300 bytes above the 250 mark: nothing more is read however long we wait
    expect(source.pulled()).toBe(3);
    expect(sink.sent).toHaveLength(3);
    sink.bufferedAmount = 150; // still above half the mark
    await jest.advanceTimersByTimeAsync(100);
    expect(source.pulled()).toBe(3);
    sink.bufferedAmount = 0; // the client caught up
    await jest.advanceTimersByTimeAsync(10);
    expect(source.pulled()).toBe(6);
    abort.abort();
    expect(await pumping).toBe('stopped');
    expect(source.returned()).toBe(true);
  });

  it('gives up on a client that does not drain within the stall timeout', async () => {
    const sink = new FakeSink(1_000);
    const source = endlessSource();
    const pumping = pumpEvents(source.events, sink, { highWaterBytes: 500, stallTimeoutMs: 200, signal: new AbortController().signal, pollMs: 10 });
    await jest.advanceTimersByTimeAsync(190);
    sink.bufferedAmount = 400; // draining, but not below half the mark
    await jest.advanceTimersByTimeAsync(50);
    expect(await pumping).toBe('stalled');
    expect(source.pulled()).toBe(1);
    expect(source.returned()).toBe(true);
  });

  it('stops at once when the client goes away while it waits', async () => {
    const sink = new FakeSink(1_000);
    const abort = new AbortController();
    const pumping = pumpEvents(endlessSource().events, sink, { highWaterBytes: 500, stallTimeoutMs: 60_000, signal: abort.signal });
    await jest.advanceTimersByTimeAsync(100);
    abort.abort();
    expect(await pumping).toBe('stopped');
  });

  it('stops when the sink is no longer open', async () => {
    const sink = new FakeSink(1);
    sink.open = false;
    expect(await pumpEvents(finite(3), sink, { highWaterBytes: 500, stallTimeoutMs: 1_000, signal: new AbortController().signal })).toBe('stopped');
    expect(sink.sent).toEqual([]);
  });
});
