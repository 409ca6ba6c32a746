/** How long a source read at scrape time (Redis, BullMQ) may take before the scrape goes on without it. */
export const DEFAULT_SCRAPE_DEADLINE_MS = 1_000;

/**
 * A value read at scrape time from something that may be away (Redis), shared by every series
 * that needs it: while one read is in flight, every caller gets that one, and nobody waits past
 * the deadline — a read that fails or is late answers `undefined` (the series are left out and
 * the source reported down), so a Redis outage never hangs a scrape. A late read that fails
 * afterwards is swallowed rather than left unhandled.
 */
export class ScrapeRead<T> {
  private inFlight: Promise<T | undefined> | undefined;

  constructor(
    private readonly read: () => Promise<T>,
    private readonly deadlineMs = DEFAULT_SCRAPE_DEADLINE_MS,
  ) {}

  get(): Promise<T | undefined> {
    this.inFlight ??= this.readWithinDeadline().finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  private async readWithinDeadline(): Promise<T | undefined> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), this.deadlineMs)));
    const work = (async () => this.read())().catch(() => undefined);
    try {
      return await Promise.race([work, late]);
    } finally {
      clearTimeout(timer);
    }
  }
}
