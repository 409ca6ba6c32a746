/**
 * Keeps a request inside the model's context window by dropping old conversation.
 *
 * Estimate (deterministic, no tokenizer): a message costs `MESSAGE_OVERHEAD_TOKENS` (4) plus
 * one token per `CHARS_PER_TOKEN` (4) characters of everything it carries — content, tool call
 * ids, names and arguments, tool outputs — rounded up. English text averages about four
 * characters per token with OpenAI's tokenizers; other scripts cost more per character, so
 * leave headroom in `maxContextTokens` (the cap is a guard, not an exact fit).
 *
 * Policy, in order:
 * 1. If the estimate fits, nothing changes.
 * 2. System messages are always kept (agent instructions, one-off reply instructions).
 * 3. The latest user turn is always kept: the last user message and everything after it.
 * 4. Everything else is dropped oldest first, in units: an assistant message that made tool
 *    calls is dropped together with every tool output answering those calls (wherever the
 *    outputs sit — an async result may arrive many messages later), so no tool output is ever
 *    left behind without its call and no call without its output. A unit that has any member
 *    inside the kept latest turn is kept whole.
 * 5. Dropping stops as soon as the estimate fits. If it still does not fit once only kept
 *    messages remain, the result says so (`fits: false`) and the caller decides.
 *
 * The order of the remaining messages never changes. Pure: same input, same output.
 */
import type { LlmMessage } from './llm-port.js';

export const CHARS_PER_TOKEN = 4;
export const MESSAGE_OVERHEAD_TOKENS = 4;

export interface ContextWindowResult {
  readonly messages: readonly LlmMessage[];
  /** Number of messages dropped (0 when the input fitted). */
  readonly dropped: number;
  /** Estimated tokens of the returned messages plus `reservedTokens`. */
  readonly estimatedTokens: number;
  readonly fits: boolean;
}

export interface ContextWindowOptions {
  /** Tokens already spoken for outside the messages, e.g. the offered tools' schemas. */
  readonly reservedTokens?: number;
}

export function estimateTextTokens(text: string): number {
  return Math.ceil(text.length / CHARS_PER_TOKEN);
}

export function estimateMessageTokens(message: LlmMessage): number {
  return MESSAGE_OVERHEAD_TOKENS + estimateTextTokens(messageText(message));
}

export function fitContextWindow(
  messages: readonly LlmMessage[],
  maxContextTokens: number,
  options: ContextWindowOptions = {},
): ContextWindowResult {
  const costs = messages.map(estimateMessageTokens);
  let total = (options.reservedTokens ?? 0) + costs.reduce((sum, cost) => sum + cost, 0);
  if (total <= maxContextTokens) return { messages, dropped: 0, estimatedTokens: total, fits: true };

  const droppedIndexes = new Set<number>();
  for (const unit of droppableUnits(messages)) {
    if (total <= maxContextTokens) break;
    for (const index of unit) {
      droppedIndexes.add(index);
      total -= costs[index] ?? 0;
    }
  }
  return {
    messages: messages.filter((_, index) => !droppedIndexes.has(index)),
    dropped: droppedIndexes.size,
    estimatedTokens: total,
    fits: total <= maxContextTokens,
  };
}

function messageText(message: LlmMessage): string {
  switch (message.role) {
    case 'system':
    case 'user':
      return message.content;
    case 'assistant':
      return (message.content ?? '') + (message.toolCalls ?? []).map((call) => call.callId + call.name + call.arguments).join('');
    case 'tool':
      return message.callId + message.output;
    default: {
      const unexpected: never = message;
      throw new Error(`Unknown message role in ${JSON.stringify(unexpected)}`);
    }
  }
}

/**
 * The non-system messages grouped into units that are dropped together, oldest unit first
 * (ordered by their first message); protected units (touching the latest user turn) left out.
 */
function droppableUnits(messages: readonly LlmMessage[]): number[][] {
  const latestTurnStart = messages.findLastIndex((message) => message.role === 'user');
  const unitOfCall = new Map<string, number[]>();
  const units: number[][] = [];

  messages.forEach((message, index) => {
    if (message.role === 'system') return;
    if (message.role === 'tool') {
      const owner = unitOfCall.get(message.callId);
      // An output whose call is not in the list is its own unit: we did not orphan it.
      if (owner) owner.push(index);
      else units.push([index]);
      return;
    }
    const unit = [index];
    units.push(unit);
    if (message.role === 'assistant') for (const call of message.toolCalls ?? []) unitOfCall.set(call.callId, unit);
  });

  const isProtected = (unit: number[]) => latestTurnStart >= 0 && unit.some((index) => index >= latestTurnStart);
  return units.filter((unit) => !isProtected(unit));
}
