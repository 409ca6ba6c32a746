import type { LlmMessage, LlmRequest } from './llm-port.js';

/**
 * The messages a request actually sends: its chat context, then its one-off instructions as a
 * final system message. Every adapter uses this so that "instructions come last" holds
 * everywhere, and the caller's chat context is never modified.
 */
export function messagesForRequest(request: LlmRequest): readonly LlmMessage[] {
  if (request.instructions === undefined || request.instructions === '') return request.messages;
  return [...request.messages, { role: 'system', content: request.instructions }];
}
