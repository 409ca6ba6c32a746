/**
 * Runs work one at a time per key, in arrival order: every command of a session is decided
 * against the state its predecessor left (one decision boundary per session), while different
 * sessions proceed in parallel. A failed job does not block the ones behind it.
 */
export class KeyedMailbox {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, job: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(job, job);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}
