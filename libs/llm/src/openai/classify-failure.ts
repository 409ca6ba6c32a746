/**
 * Sorts what the SDK threw into "retry may help" (network, timeout, 408, 429, 5xx, a broken or
 * malformed stream) and "the request itself is wrong" (any other 4xx). Aborts are not sorted
 * here: the adapter knows whether it was the caller or the attempt deadline.
 */
import { APIConnectionError, APIConnectionTimeoutError, APIError } from 'openai';
import { LlmRequestError, type LlmFailureKind } from '../errors.js';
import { retryAfterMs } from './retry-delay.js';
import { MalformedToolCallError } from './tool-call-assembler.js';

export interface TransientFailure {
  readonly kind: LlmFailureKind;
  readonly status?: number;
  readonly retryAfterMs?: number;
  readonly detail: string;
  readonly cause: unknown;
}

export type ClassifiedFailure =
  | { readonly retryable: true; readonly failure: TransientFailure }
  | { readonly retryable: false; readonly error: LlmRequestError };

export function classifyFailure(error: unknown, now: number): ClassifiedFailure {
  const transient = (kind: LlmFailureKind, extra: Partial<TransientFailure> = {}): ClassifiedFailure => ({
    retryable: true,
    failure: { kind, detail: messageOf(error), cause: error, ...extra },
  });

  if (error instanceof APIConnectionTimeoutError) return transient('timeout');
  if (error instanceof APIConnectionError) return transient('network');
  if (error instanceof APIError) {
    const status = error.status;
    // An error event inside an otherwise successful stream has no status: the server gave up.
    if (status === undefined) return transient('server_error');
    if (status === 429) return transient('rate_limited', { status, ...optional(retryAfterMs(error.headers, now)) });
    if (status === 408) return transient('timeout', { status });
    if (status >= 500) return transient('server_error', { status, ...optional(retryAfterMs(error.headers, now)) });
    return { retryable: false, error: new LlmRequestError(status, providerMessage(error), { cause: error }) };
  }
  if (error instanceof SyntaxError || error instanceof MalformedToolCallError) return transient('malformed');
  // Anything else came from below the SDK (a socket torn down mid-body, DNS): treat as network.
  return transient('network');
}

function optional(retryAfter: number | undefined): { retryAfterMs?: number } {
  return retryAfter === undefined ? {} : { retryAfterMs: retryAfter };
}

function providerMessage(error: APIError): string {
  const body = error.error as { message?: unknown } | undefined;
  return typeof body?.message === 'string' && body.message !== '' ? body.message : error.message;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
