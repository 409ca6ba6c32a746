// Texts the LLM sees that are part of the contract itself (SEMANTICS.md §3, §4, §5, §8) and
// therefore not overridable: tests and users match on them.

export const INTERNAL_ERROR_TEXT = 'An internal error occurred';

export const cancelledText = (callId: string): string => `Task ${callId} cancelled successfully.`;

export const notFoundText = (callId: string): string => `Task ${callId} not found or already completed.`;

export const notCancellableText = (callId: string, reason: string): string =>
  `Tool call ${callId} is not cancellable: ${reason}`;

export const FAILED_TO_CANCEL_DUPLICATES_PREFIX = 'Failed to cancel duplicate tool calls:';

export const attachedText = (toolName: string, callId: string): string =>
  `Tool \`${toolName}\` is already running with the same arguments as call ${callId}; this call joins it and its result will arrive with that call.`;

export const argumentErrorPrefix = (toolName: string): string => `Error parsing arguments for \`${toolName}\`:`;
