import { DEFAULT_ARGUMENT_LIMITS } from '@aside/domain';
import { refusedAt, type ExpectedAnswer } from './payload.js';

/**
 * The fuzz's own reckoning of the argument size limit: an arguments text is admitted up to
 * `DEFAULT_ARGUMENT_LIMITS.maxBytes` bytes as stored (UTF-8 inside a JSON string), and so are
 * the validated arguments re-encoded. Computed with V8's JSON.stringify and Buffer rather than
 * the gateway's own code, so that the two can disagree.
 */
export const MAX_ARGUMENT_BYTES = DEFAULT_ARGUMENT_LIMITS.maxBytes;

export function storedBytes(text: string): number {
  return Buffer.byteLength(JSON.stringify(text)) - 2;
}

/** The refusal owed to a text over the limit: its exact size, and the limit. */
export function tooLargeReason(text: string, what = 'too large'): RegExp {
  return new RegExp(`^${what} \\(${storedBytes(text)} bytes, at most ${MAX_ARGUMENT_BYTES}\\)$`);
}

/**
 * `whenItFits` when both the text and the arguments the body would receive (`received`; its
 * size does not depend on key order) are within the limit; the size refusal otherwise.
 */
export function bySize(rawArguments: string, received: Readonly<Record<string, unknown>> | undefined, whenItFits: ExpectedAnswer): ExpectedAnswer {
  if (storedBytes(rawArguments) > MAX_ARGUMENT_BYTES) return refusedAt('arguments', tooLargeReason(rawArguments));
  const validated = received === undefined ? '' : JSON.stringify(received);
  if (storedBytes(validated) > MAX_ARGUMENT_BYTES) return refusedAt('arguments', tooLargeReason(validated, 'too large once validated'));
  return whenItFits;
}
