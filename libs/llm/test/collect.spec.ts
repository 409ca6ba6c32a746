import { describe, expect, it } from '@jest/globals';
import { collect } from '../src/collect.js';
import type { LlmStreamEvent } from '../src/llm-port.js';
import { messagesForRequest } from '../src/request-messages.js';

async function* from(events: LlmStreamEvent[]): AsyncGenerator<LlmStreamEvent> {
  yield* events;
}

describe('collect', () => {
  it('joins text, gathers tool calls and keeps the finish reason, usage and dropped count', async () => {
    const completion = await collect(
      from([
        { type: 'text_delta', text: 'On ' },
        { type: 'text_delta', text: 'it.' },
        { type: 'tool_call', callId: 'c1', name: 'lookup', arguments: '{}' },
        { type: 'done', finishReason: 'tool_calls', usage: { promptTokens: 1, completionTokens: 2, totalTokens: 3 }, droppedMessages: 4 },
      ]),
    );

    expect(completion).toEqual({
      text: 'On it.',
      toolCalls: [{ callId: 'c1', name: 'lookup', arguments: '{}' }],
      finishReason: 'tool_calls',
      usage: { promptTokens: 1, completionTokens: 2, totalTokens: 3 },
      droppedMessages: 4,
    });
  });

  it('rejects a stream that ends without done', async () => {
    await expect(collect(from([{ type: 'text_delta', text: 'cut' }]))).rejects.toThrow('collect: the stream ended without a done event');
  });
});

describe('messagesForRequest', () => {
  it('appends instructions as a final system message without touching the context', () => {
    const messages = [{ role: 'user' as const, content: 'hi' }];

    expect(messagesForRequest({ messages, instructions: 'Be brief.' })).toEqual([
      { role: 'user', content: 'hi' },
      { role: 'system', content: 'Be brief.' },
    ]);
    expect(messages).toHaveLength(1);
    expect(messagesForRequest({ messages })).toBe(messages);
  });
});
