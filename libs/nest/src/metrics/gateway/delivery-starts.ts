import type { DeliveryMode } from './session-metric-updates.js';

export interface DeliveryStart {
  readonly mode: DeliveryMode;
  readonly atMs: number;
}

/** Far more replies than are ever being generated at once; past it the oldest are let go (their latency is not observed). */
const DEFAULT_CAPACITY = 10_000;

/**
 * When each deferred reply's delivery started, until its speech starts (or it ends without one).
 * Bounded: a delivery whose end this gateway never sees (its session was taken over) is evicted
 * oldest first once `capacity` is reached, so it cannot grow for ever.
 */
export class DeliveryStarts {
  // Insertion order is age order: a Map iterates its keys as they were added.
  private readonly starts = new Map<string, DeliveryStart>();

  constructor(private readonly capacity = DEFAULT_CAPACITY) {}

  get size(): number {
    return this.starts.size;
  }

  started(sessionId: string, deliveryId: string, mode: DeliveryMode, atMs: number): void {
    this.starts.set(keyOf(sessionId, deliveryId), { mode, atMs });
    while (this.starts.size > this.capacity) this.starts.delete(this.starts.keys().next().value!);
  }

  /** The delivery's start, forgotten as it is answered. */
  finish(sessionId: string, deliveryId: string): DeliveryStart | undefined {
    const key = keyOf(sessionId, deliveryId);
    const start = this.starts.get(key);
    this.starts.delete(key);
    return start;
  }

  forget(sessionId: string, deliveryId: string): void {
    this.starts.delete(keyOf(sessionId, deliveryId));
  }

  forgetSession(sessionId: string): void {
    const prefix = `${sessionId} `;
    for (const key of [...this.starts.keys()]) if (key.startsWith(prefix)) this.starts.delete(key);
  }
}

function keyOf(sessionId: string, deliveryId: string): string {
  return `${sessionId} ${deliveryId}`;
}
