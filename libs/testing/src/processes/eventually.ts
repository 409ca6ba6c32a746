import { setTimeout as sleep } from 'node:timers/promises';

export interface EventuallyOptions {
  readonly timeoutMs?: number;
  /** What was seen instead, for the failure message (e.g. the processes' output). */
  readonly detail?: () => string | Promise<string>;
}

/**
 * Polls `probe` until it yields a value (anything but undefined, null or false) and returns it;
 * fails after `timeoutMs`, saying what was awaited and, through `detail`, what was seen instead.
 * Tests wait for a state this way, never for a while. A probe that throws fails at once.
 */
export async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined | null | false> | T | undefined | null | false,
  options: EventuallyOptions = {},
): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() > until) {
      const detail = options.detail ? `\n${await options.detail()}` : '';
      throw new Error(`Not reached within ${timeoutMs} ms: ${what}${detail}`);
    }
    await sleep(20);
  }
}
