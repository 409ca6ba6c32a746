/** A promise settled from outside: how the bench waits for a report instead of polling. */
export interface Settable<T> {
  readonly promise: Promise<T>;
  resolve(value: T): void;
}

export function settable<T = void>(): Settable<T> {
  let resolve: (value: T) => void = () => undefined;
  const promise = new Promise<T>((res) => (resolve = res));
  return { promise, resolve };
}

/** `work`, or a rejection naming `what` after `ms`: a lost report must end the bench, not hang it. */
export async function within<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const overdue = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: nothing within ${ms} ms`)), ms)));
  try {
    return await Promise.race([work, overdue]);
  } finally {
    clearTimeout(timer);
  }
}
