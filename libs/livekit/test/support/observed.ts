/**
 * A test double whose state tests wait on: `until()` re-checks its condition on every
 * `changed()` instead of polling, and fails naming what it waited for.
 */
export class Observed {
  private readonly listeners = new Set<() => void>();

  async until(condition: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
    if (condition()) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.listeners.delete(check);
        reject(new Error(`timed out waiting for ${what}`));
      }, timeoutMs);
      const check = () => {
        if (!condition()) return;
        clearTimeout(timer);
        this.listeners.delete(check);
        resolve();
      };
      this.listeners.add(check);
    });
  }

  /** Something observable changed: wakes every `until()`. */
  changed(): void {
    for (const listener of [...this.listeners]) listener();
  }
}
