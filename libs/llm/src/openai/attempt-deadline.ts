/**
 * One attempt's abort controller: aborted by the caller's signal, by the per-attempt silence
 * timeout, or on cleanup. The timer runs only while the adapter waits on the endpoint (`arm`
 * before an await, `disarm` after), so a slow consumer never times out the stream.
 */
export class AttemptDeadline {
  private readonly controller = new AbortController();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private expired = false;

  constructor(
    private readonly timeoutMs: number,
    private readonly callerSignal: AbortSignal | undefined,
  ) {
    if (callerSignal?.aborted) this.controller.abort(callerSignal.reason);
    else callerSignal?.addEventListener('abort', this.onCallerAbort, { once: true });
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get timedOut(): boolean {
    return this.expired;
  }

  arm(): void {
    this.disarm();
    this.timer = setTimeout(() => {
      this.expired = true;
      this.controller.abort(new Error(`no response from the LLM endpoint within ${this.timeoutMs} ms`));
    }, this.timeoutMs);
  }

  disarm(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Stops the timer, forgets the caller's signal and releases the HTTP request if still open. */
  dispose(): void {
    this.disarm();
    this.callerSignal?.removeEventListener('abort', this.onCallerAbort);
    if (!this.controller.signal.aborted) this.controller.abort(new Error('LLM attempt finished'));
  }

  private readonly onCallerAbort = (): void => {
    this.disarm();
    this.controller.abort(this.callerSignal?.reason);
  };
}
