import { AsideError } from '@aside/events';

/**
 * The errors an LLM port may throw. Callers branch on three outcomes: try later
 * (`LlmUnavailableError`), fix the request (`LlmRequestError`), or nothing to do because the
 * caller itself cancelled (`LlmAbortedError`). They are AsideErrors: coded, and `instanceof`
 * holds across duplicate copies of the package.
 */
const BRAND = Symbol.for('aside.error.code');

export abstract class LlmError extends AsideError {
  /** Any error whose code is one of this package's (they all start with `LLM_`). */
  static override [Symbol.hasInstance](value: unknown): boolean {
    if (this !== LlmError) return super[Symbol.hasInstance](value);
    if (typeof value !== 'object' || value === null || !(BRAND in value)) return false;
    const brand = (value as { [BRAND]: unknown })[BRAND];
    return typeof brand === 'string' && brand.startsWith('LLM_');
  }

  protected constructor(message: string, options?: { cause?: unknown }) {
    super(message);
    if (options && 'cause' in options) Object.defineProperty(this, 'cause', { value: options.cause, enumerable: false });
  }
}

/** Why the last attempt failed, in words a log line and a metric label can share. */
export type LlmFailureKind =
  | 'network'
  | 'timeout'
  | 'rate_limited'
  | 'server_error'
  /** The stream ended before the endpoint said why it finished (no finish reason). */
  | 'incomplete'
  /** The endpoint sent something that is not a valid completion (bad JSON, a tool call without a name). */
  | 'malformed';

/**
 * The endpoint could not produce a completion: every attempt failed with a transient failure
 * (network, timeout, 429, 5xx), or the stream broke after output had already reached the
 * caller — which is never retried, so text is never spoken twice.
 */
export class LlmUnavailableError extends LlmError {
  static readonly CODE = 'LLM_UNAVAILABLE';
  readonly code = LlmUnavailableError.CODE;
  readonly attempts: number;
  readonly reason: LlmFailureKind;
  /** HTTP status of the last failed attempt, when it got as far as a response. */
  readonly lastStatus: number | undefined;
  /** True when the caller had already received events from the failed attempt. */
  readonly afterOutput: boolean;

  constructor(details: {
    attempts: number;
    reason: LlmFailureKind;
    lastStatus?: number | undefined;
    afterOutput?: boolean;
    detail?: string | undefined;
    cause?: unknown;
  }) {
    const status = details.lastStatus === undefined ? '' : `, HTTP ${details.lastStatus}`;
    const attempts = `${details.attempts} attempt${details.attempts === 1 ? '' : 's'}`;
    const when = details.afterOutput ? ' after output had been streamed (not retried)' : '';
    const detail = details.detail ? `: ${details.detail}` : '';
    super(`LLM unavailable after ${attempts} (last: ${details.reason}${status})${when}${detail}`, { cause: details.cause });
    this.brand(LlmUnavailableError.CODE);
    this.attempts = details.attempts;
    this.reason = details.reason;
    this.lastStatus = details.lastStatus;
    this.afterOutput = details.afterOutput ?? false;
  }
}

/** The endpoint refused the request itself (bad request, auth, unknown model): retrying cannot help. */
export class LlmRequestError extends LlmError {
  static readonly CODE = 'LLM_REQUEST_REJECTED';
  readonly code = LlmRequestError.CODE;

  constructor(
    readonly status: number,
    readonly providerMessage: string,
    options?: { cause?: unknown },
  ) {
    super(`LLM request rejected with HTTP ${status}: ${providerMessage}`, options);
    this.brand(LlmRequestError.CODE);
  }
}

/** The caller's signal aborted the request; `reason` is the signal's reason. */
export class LlmAbortedError extends LlmError {
  static readonly CODE = 'LLM_ABORTED';
  readonly code = LlmAbortedError.CODE;

  constructor(readonly reason: unknown) {
    super('LLM request aborted by the caller', { cause: reason });
    this.brand(LlmAbortedError.CODE);
  }
}

/** A configuration the adapter cannot start with; the message is one line naming the setting. */
export class LlmConfigError extends LlmError {
  static readonly CODE = 'LLM_CONFIG';
  readonly code = LlmConfigError.CODE;

  constructor(
    readonly setting: string,
    message: string,
  ) {
    super(message);
    this.brand(LlmConfigError.CODE);
  }
}
