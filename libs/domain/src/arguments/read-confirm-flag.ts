import { CONFIRM_DUPLICATE_PARAMETER } from '../tools/names.js';
import { readArgumentObject, DEFAULT_ARGUMENT_LIMITS, type ArgumentLimits } from './read-argument-object.js';

/**
 * Whether raw arguments carry `confirm_duplicate: true`, without validating anything else: the
 * duplicate check of `confirm` runs before argument validation (SEMANTICS.md §4). Anything
 * unreadable, or any value other than `true`, is false. Never throws.
 */
export function readConfirmFlag(raw: unknown, limits: ArgumentLimits = DEFAULT_ARGUMENT_LIMITS): boolean {
  try {
    const read = readArgumentObject(raw, limits);
    return read.ok && read.value[CONFIRM_DUPLICATE_PARAMETER] === true;
  } catch {
    return false;
  }
}
