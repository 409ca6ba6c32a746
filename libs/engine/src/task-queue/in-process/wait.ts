/**
 * Something a task waits for that a cancel or a shutdown must be able to cut short: a free
 * concurrency slot, a retry backoff. `done` resolves true when the wait is over, false when it
 * was cancelled first; it never rejects.
 */
export interface Wait {
  readonly done: Promise<boolean>;
  cancel(): void;
}

/** A wait that is already over. */
export const noWait: Wait = Object.freeze({ done: Promise.resolve(true), cancel: () => undefined });

/** Waits `ms`; a cancel clears the timer, so nothing dangles after a shutdown. */
export function delay(ms: number): Wait {
  let finish: (elapsed: boolean) => void = () => undefined;
  const done = new Promise<boolean>((resolve) => {
    finish = resolve;
  });
  const timer = setTimeout(() => finish(true), ms);
  return {
    done,
    cancel: () => {
      clearTimeout(timer);
      finish(false);
    },
  };
}
