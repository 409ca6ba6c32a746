import { describe, expect, it } from '@jest/globals';
import { estimateMessageTokens, fitContextWindow } from '../src/context-window.js';
import type { LlmMessage } from '../src/llm-port.js';

/** 40 characters: 10 tokens of text, 14 with the per-message overhead. */
const forty = 'x'.repeat(40);

const system: LlmMessage = { role: 'system', content: forty };
const oldUser: LlmMessage = { role: 'user', content: forty };
const callA: LlmMessage = { role: 'assistant', toolCalls: [{ callId: 'a', name: 'lookup', arguments: '{}' }] };
const callB: LlmMessage = { role: 'assistant', content: 'checking', toolCalls: [{ callId: 'b', name: 'lookup', arguments: '{}' }] };
const outputA: LlmMessage = { role: 'tool', callId: 'a', output: forty };
const outputB: LlmMessage = { role: 'tool', callId: 'b', output: forty };
const oldReply: LlmMessage = { role: 'assistant', content: forty };
const lastUser: LlmMessage = { role: 'user', content: forty };

const total = (messages: readonly LlmMessage[]) => messages.reduce((sum, m) => sum + estimateMessageTokens(m), 0);

describe('context window', () => {
  it('estimates 4 characters per token plus 4 tokens per message, rounding up', () => {
    expect(estimateMessageTokens(system)).toBe(14);
    expect(estimateMessageTokens({ role: 'user', content: 'abcde' })).toBe(4 + 2);
    // callId + name + arguments = 1 + 6 + 2 = 9 characters → 3 tokens.
    expect(estimateMessageTokens(callA)).toBe(4 + 3);
  });

  it('changes nothing when the messages fit', () => {
    const messages = [system, oldUser, oldReply, lastUser];

    expect(fitContextWindow(messages, total(messages))).toEqual({ messages, dropped: 0, estimatedTokens: total(messages), fits: true });
  });

  it('drops the oldest non-system messages first and keeps system and the latest user turn', () => {
    const messages = [system, oldUser, oldReply, lastUser];

    const result = fitContextWindow(messages, total(messages) - 1);

    expect(result).toEqual({ messages: [system, oldReply, lastUser], dropped: 1, estimatedTokens: total(messages) - 14, fits: true });
  });

  it('drops a tool call together with its output, even when the output arrived much later', () => {
    // The async result of call a is written after an unrelated exchange.
    const messages = [system, oldUser, callA, oldReply, outputA, lastUser];

    const result = fitContextWindow(messages, total(messages) - 15);

    // oldUser (14) is not enough; the next unit is call a with its output.
    expect(result.messages).toEqual([system, oldReply, lastUser]);
    expect(result.dropped).toBe(3);
  });

  it('never leaves a tool output behind whose call was dropped, with parallel calls in one message', () => {
    const parallel: LlmMessage = {
      role: 'assistant',
      toolCalls: [
        { callId: 'p1', name: 'lookup', arguments: '{}' },
        { callId: 'p2', name: 'lookup', arguments: '{}' },
      ],
    };
    const messages = [system, parallel, { role: 'tool', callId: 'p1', output: forty }, { role: 'tool', callId: 'p2', output: forty }, lastUser] as LlmMessage[];

    const result = fitContextWindow(messages, total(messages) - 1);

    expect(result.messages).toEqual([system, lastUser]);
    expect(result.dropped).toBe(3);
  });

  it('keeps a call whose output sits inside the latest turn, and keeps everything after the last user message', () => {
    const messages = [system, oldUser, callB, lastUser, outputB, callA, outputA];

    const result = fitContextWindow(messages, 1);

    expect(result.messages).toEqual([system, callB, lastUser, outputB, callA, outputA]);
    expect(result.dropped).toBe(1);
    expect(result.fits).toBe(false);
  });

  it('reports when even the kept messages do not fit', () => {
    const result = fitContextWindow([system, oldUser, lastUser], 10);

    expect(result).toEqual({ messages: [system, lastUser], dropped: 1, estimatedTokens: 28, fits: false });
  });

  it('counts reserved tokens (the offered tools) against the budget', () => {
    const messages = [system, oldUser, lastUser];

    expect(fitContextWindow(messages, total(messages)).dropped).toBe(0);
    expect(fitContextWindow(messages, total(messages), { reservedTokens: 1 }).dropped).toBe(1);
  });

  it('is deterministic and does not modify its input', () => {
    const messages = [system, oldUser, callA, outputA, oldReply, callB, outputB, lastUser];
    const before = structuredClone(messages);

    const first = fitContextWindow(messages, 60);
    const second = fitContextWindow(structuredClone(messages), 60);

    expect(second).toEqual(first);
    expect(messages).toEqual(before);
    expect(first.messages).toEqual([system, callB, outputB, lastUser]);
  });
});
