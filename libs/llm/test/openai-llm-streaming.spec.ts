import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { collect } from '../src/collect.js';
import type { LlmRequest, LlmStreamEvent } from '../src/llm-port.js';
import { FakeOpenAiServer, reply } from './support/fake-openai-server.js';
import { llmAgainst } from './support/llm-against.js';

const server = new FakeOpenAiServer();
beforeAll(() => server.start());
afterAll(() => server.close());
beforeEach(() => server.reset());

const weatherTool = {
  name: 'get_weather',
  description: 'Current weather in a city',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};

const askWeather: LlmRequest = {
  messages: [
    { role: 'system', content: 'You are a concise assistant.' },
    { role: 'user', content: 'Weather in Paris and Rome?' },
  ],
  tools: [weatherTool],
  toolChoice: 'auto',
};

async function events(stream: AsyncIterable<LlmStreamEvent>): Promise<LlmStreamEvent[]> {
  const seen: LlmStreamEvent[] = [];
  for await (const event of stream) seen.push(event);
  return seen;
}

describe('OpenAiLlm streaming', () => {
  it('streams text deltas in order, then done with the finish reason and usage', async () => {
    server.script({ kind: 'stream', text: ['Hel', 'lo', ' there'], usage: { prompt_tokens: 12, completion_tokens: 3, total_tokens: 15 } });

    const seen = await events(llmAgainst(server).stream({ messages: [{ role: 'user', content: 'Hi' }] }));

    expect(seen).toEqual([
      { type: 'text_delta', text: 'Hel' },
      { type: 'text_delta', text: 'lo' },
      { type: 'text_delta', text: ' there' },
      { type: 'done', finishReason: 'stop', usage: { promptTokens: 12, completionTokens: 3, totalTokens: 15 } },
    ]);
    expect(server.requests[0]?.body).toMatchObject({ model: 'fake-model', stream: true, stream_options: { include_usage: true } });
    expect(server.requests[0]?.headers.authorization).toBe('Bearer sk-test');
  });

  it('assembles a tool call whose arguments arrive in pieces and emits it once, complete', async () => {
    server.script(reply.toolCalls({ id: 'call_a', name: 'get_weather', argumentPieces: ['{"ci', 'ty": "Pa', 'ris"}'] }));

    const seen = await events(llmAgainst(server).stream(askWeather));

    expect(seen).toEqual([
      { type: 'tool_call', callId: 'call_a', name: 'get_weather', arguments: '{"city": "Paris"}' },
      { type: 'done', finishReason: 'tool_calls' },
    ]);
  });

  it('keeps two parallel tool calls apart by index, in order', async () => {
    server.script(
      reply.toolCalls(
        { id: 'call_paris', name: 'get_weather', argumentPieces: ['{"city":', '"Paris"}'] },
        { id: 'call_rome', name: 'get_weather', argumentPieces: ['{"city"', ':"Ro', 'me"}'] },
      ),
    );

    const completion = await collect(llmAgainst(server).stream(askWeather));

    expect(completion).toEqual({
      text: '',
      finishReason: 'tool_calls',
      toolCalls: [
        { callId: 'call_paris', name: 'get_weather', arguments: '{"city":"Paris"}' },
        { callId: 'call_rome', name: 'get_weather', arguments: '{"city":"Rome"}' },
      ],
    });
  });

  it('delivers text and tool calls of one response together', async () => {
    server.script({
      kind: 'stream',
      text: ['Let me ', 'check.'],
      toolCalls: [{ id: 'call_1', name: 'get_weather', argumentPieces: ['{"city":"Oslo"}'] }],
    });

    const completion = await collect(llmAgainst(server).stream(askWeather));

    expect(completion.text).toBe('Let me check.');
    expect(completion.toolCalls).toEqual([{ callId: 'call_1', name: 'get_weather', arguments: '{"city":"Oslo"}' }]);
  });

  it('reads a call streamed without argument text as `{}`', async () => {
    server.script(reply.toolCalls({ id: 'call_now', name: 'get_time', argumentPieces: [] }));

    const completion = await collect(llmAgainst(server).stream(askWeather));

    expect(completion.toolCalls).toEqual([{ callId: 'call_now', name: 'get_time', arguments: '{}' }]);
  });

  it('offers the tools as functions with their JSON schema', async () => {
    server.script(reply.text('ok'));

    await collect(llmAgainst(server).stream(askWeather));

    expect(server.requests[0]?.body.tools).toEqual([
      { type: 'function', function: { name: 'get_weather', description: 'Current weather in a city', parameters: weatherTool.parameters } },
    ]);
  });

  it.each(['none', 'auto', 'required'] as const)('passes tool_choice %s through', async (toolChoice) => {
    server.script(reply.text('ok'));

    await collect(llmAgainst(server).stream({ ...askWeather, toolChoice }));

    expect(server.requests[0]?.body.tool_choice).toBe(toolChoice);
  });

  it('sends neither tools nor tool_choice when no tools are offered', async () => {
    server.script(reply.text('ok'));

    await collect(llmAgainst(server).stream({ messages: [{ role: 'user', content: 'Hi' }], tools: [], toolChoice: 'none' }));

    expect(server.requests[0]?.body).not.toHaveProperty('tools');
    expect(server.requests[0]?.body).not.toHaveProperty('tool_choice');
  });

  it('appends one-off instructions as the last system message, after the whole context', async () => {
    server.script(reply.text('Paris is sunny.'));

    await collect(
      llmAgainst(server).stream({
        messages: [
          { role: 'system', content: 'You are a concise assistant.' },
          { role: 'user', content: 'Weather in Paris?' },
          { role: 'assistant', toolCalls: [{ callId: 'call_a', name: 'get_weather', arguments: '{"city":"Paris"}' }] },
          { role: 'tool', callId: 'call_a', output: '{"sky":"sunny"}' },
        ],
        tools: [weatherTool],
        toolChoice: 'none',
        instructions: 'Tell the user the result of get_weather.',
      }),
    );

    expect(server.requests[0]?.body.messages).toEqual([
      { role: 'system', content: 'You are a concise assistant.' },
      { role: 'user', content: 'Weather in Paris?' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [{ id: 'call_a', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }],
      },
      { role: 'tool', tool_call_id: 'call_a', content: '{"sky":"sunny"}' },
      { role: 'system', content: 'Tell the user the result of get_weather.' },
    ]);
    expect(server.requests[0]?.body.tool_choice).toBe('none');
  });

  it('drops old messages to fit maxContextTokens and says how many in done', async () => {
    server.script(reply.text('ok'));
    const long = 'x'.repeat(400); // about 104 tokens per message with overhead

    const completion = await collect(
      llmAgainst(server, { maxContextTokens: 200 }).stream({
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: long },
          { role: 'assistant', content: long },
          { role: 'user', content: 'And now?' },
        ],
      }),
    );

    expect(completion.droppedMessages).toBe(1);
    expect(server.requests[0]?.body.messages).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'assistant', content: long },
      { role: 'user', content: 'And now?' },
    ]);
  });

  it('releases the request when the consumer stops early', async () => {
    server.script({ kind: 'stream', text: ['one', 'two'], cutOff: { afterChunks: 2, then: 'hang' } });

    for await (const event of llmAgainst(server).stream({ messages: [{ role: 'user', content: 'Hi' }] })) {
      expect(event).toEqual({ type: 'text_delta', text: 'one' });
      break;
    }

    // Resolves only if the adapter closed the hanging response.
    await server.requests[0]?.closed;
    expect(server.requests).toHaveLength(1);
  });
});
