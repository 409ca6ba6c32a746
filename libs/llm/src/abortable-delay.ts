import { setTimeout as delay } from 'node:timers/promises';
import { LlmAbortedError } from './errors.js';

/** Waits `ms` (the backoff between attempts); the caller's signal cuts the wait short. */
export async function abortableDelay(ms: number, signal: AbortSignal | undefined): Promise<void> {
  try {
    await delay(ms, undefined, signal ? { signal } : {});
  } catch (error) {
    if (signal?.aborted) throw new LlmAbortedError(signal.reason);
    throw error;
  }
}
