import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Polls `probe` until it yields a value (anything but undefined, null or false) and returns it;
 * fails after `timeoutMs`, saying what was awaited and, through `detail`, what was seen instead.
 * Tests wait for a state this way, never for a while.
 */
export async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined | null | false> | T | undefined | null | false,
  options: { readonly timeoutMs?: number; readonly detail?: () => string | Promise<string> } = {},
): Promise<T> {
  const until = Date.now() + (options.timeoutMs ?? 10_000);
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() > until) {
      const detail = options.detail ? `\n${await options.detail()}` : '';
      throw new Error(`Not reached within ${options.timeoutMs ?? 10_000} ms: ${what}${detail}`);
    }
    await sleep(20);
  }
}
