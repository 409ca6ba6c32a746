import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { collect } from '../src/collect.js';
import { LlmAbortedError, LlmRequestError, LlmUnavailableError } from '../src/errors.js';
import type { LlmRequest, LlmStreamEvent } from '../src/llm-port.js';
import type { LlmRetryNotice } from '../src/openai/openai-llm.js';
import { FakeOpenAiServer, reply } from './support/fake-openai-server.js';
import { llmAgainst } from './support/llm-against.js';

const server = new FakeOpenAiServer();
beforeAll(() => server.start());
afterAll(() => server.close());
beforeEach(() => server.reset());

const hello: LlmRequest = { messages: [{ role: 'user', content: 'Hello?' }] };

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the stream to fail');
}

describe('OpenAiLlm retries', () => {
  it('retries a 429 and a 500, then succeeds; the server saw three attempts', async () => {
    server.script(reply.status(429, 'slow down', { 'retry-after': '0' }), reply.status(500, 'oops'), reply.text('Hi!'));
    const retries: LlmRetryNotice[] = [];

    const completion = await collect(llmAgainst(server, {}, { onRetry: (notice) => retries.push(notice) }).stream(hello));

    expect(completion.text).toBe('Hi!');
    expect(server.requests).toHaveLength(3);
    expect(retries.map((r) => [r.attempt, r.failure.kind, r.failure.status])).toEqual([
      [1, 'rate_limited', 429],
      [2, 'server_error', 500],
    ]);
    // Every attempt sends the same body.
    expect(server.requests[2]?.body).toEqual(server.requests[0]?.body);
  });

  it('waits what retry-after asks, capped at backoff.maxMs', async () => {
    server.script(
      reply.status(429, 'slow down', { 'retry-after-ms': '3' }),
      reply.status(429, 'much slower', { 'retry-after': '60' }),
      reply.text('ok'),
    );
    const delays: number[] = [];

    await collect(llmAgainst(server, { backoff: { initialMs: 1, maxMs: 20 } }, { onRetry: (n) => delays.push(n.delayMs) }).stream(hello));

    expect(delays).toEqual([3, 20]);
  });

  it('backs off exponentially with jitter when the server gives no hint', async () => {
    server.script(reply.status(503), reply.status(502), reply.status(500), reply.text('ok'));
    const delays: number[] = [];

    await collect(
      llmAgainst(server, { maxAttempts: 4, backoff: { initialMs: 4, maxMs: 12 } }, { random: () => 1 - Number.EPSILON, onRetry: (n) => delays.push(n.delayMs) }).stream(hello),
    );

    // Ceilings 4, 8, 16→capped 12; jitter near 1 draws close to the ceiling.
    expect(delays).toEqual([4, 8, 12]);
  });

  it('does not retry a 400 and reports it as LlmRequestError', async () => {
    server.script(reply.status(400, "Invalid value for 'tool_choice'"), reply.text('never sent'));

    const error = await failureOf(collect(llmAgainst(server).stream(hello)));

    expect(error).toBeInstanceOf(LlmRequestError);
    expect(error).toMatchObject({ status: 400, providerMessage: "Invalid value for 'tool_choice'" });
    expect(server.requests).toHaveLength(1);
  });

  it('does not retry a 401', async () => {
    server.script(reply.status(401, 'Incorrect API key provided'));

    const error = await failureOf(collect(llmAgainst(server).stream(hello)));

    expect(error).toBeInstanceOf(LlmRequestError);
    expect(error).toMatchObject({ status: 401 });
    expect(server.requests).toHaveLength(1);
  });

  it('gives up with LlmUnavailableError after maxAttempts, with the count and last status', async () => {
    server.script(reply.status(500), reply.status(502), reply.status(503));

    const error = await failureOf(collect(llmAgainst(server, { maxAttempts: 3 }).stream(hello)));

    expect(error).toBeInstanceOf(LlmUnavailableError);
    expect(error).toMatchObject({ attempts: 3, lastStatus: 503, reason: 'server_error', afterOutput: false });
    expect((error as Error).message).toMatch(/^LLM unavailable after 3 attempts \(last: server_error, HTTP 503\)/);
    expect(server.requests).toHaveLength(3);
  });

  it('retries a network failure (connection refused) and counts attempts', async () => {
    const closed = new FakeOpenAiServer();
    await closed.start();
    const llm = llmAgainst(closed, { maxAttempts: 2 });
    await closed.close();

    const error = await failureOf(collect(llm.stream(hello)));

    expect(error).toBeInstanceOf(LlmUnavailableError);
    expect(error).toMatchObject({ attempts: 2, reason: 'network', lastStatus: undefined });
  });

  it('times out an attempt that gets no answer, retries, and gives up as timeout', async () => {
    server.script(reply.hang(), reply.hang());

    const error = await failureOf(collect(llmAgainst(server, { timeoutMs: 40, maxAttempts: 2 }).stream(hello)));

    expect(error).toBeInstanceOf(LlmUnavailableError);
    expect(error).toMatchObject({ attempts: 2, reason: 'timeout' });
    expect(server.requests).toHaveLength(2);
  });

  it('recovers when a timed-out attempt is followed by a good one', async () => {
    server.script(reply.hang(), reply.text('late but fine'));

    const completion = await collect(llmAgainst(server, { timeoutMs: 40 }).stream(hello));

    expect(completion.text).toBe('late but fine');
    await server.requests[0]?.closed; // the timed-out request was released
  });

  it('retries a stream cut before any output, e.g. mid tool call', async () => {
    server.script(
      { ...reply.toolCalls({ id: 'call_1', name: 'lookup', argumentPieces: ['{"q":', '"x"}'] }), cutOff: { afterChunks: 3, then: 'drop' } },
      reply.toolCalls({ id: 'call_1', name: 'lookup', argumentPieces: ['{"q":', '"x"}'] }),
    );

    const completion = await collect(llmAgainst(server).stream(hello));

    expect(completion.toolCalls).toEqual([{ callId: 'call_1', name: 'lookup', arguments: '{"q":"x"}' }]);
    expect(server.requests).toHaveLength(2);
  });

  it('retries a stream that ends without a finish reason before any output', async () => {
    server.script({ kind: 'stream', finishReason: null }, reply.text('ok'));

    const completion = await collect(llmAgainst(server).stream(hello));

    expect(completion.text).toBe('ok');
    expect(server.requests).toHaveLength(2);
  });

  it('retries a malformed response (a tool call without a name) before any output', async () => {
    server.script(reply.toolCalls({ id: 'call_1', name: '', argumentPieces: ['{}'] }), reply.text('ok'));
    const retries: LlmRetryNotice[] = [];

    const completion = await collect(llmAgainst(server, {}, { onRetry: (n) => retries.push(n) }).stream(hello));

    expect(completion.text).toBe('ok');
    expect(retries.map((r) => r.failure.kind)).toEqual(['malformed']);
  });

  it('does not retry once text has reached the caller: the connection drops mid-reply', async () => {
    server.script({ kind: 'stream', text: ['Sure, ', 'the answer', ' is'], cutOff: { afterChunks: 3, then: 'drop' } }, reply.text('never sent'));
    const received: LlmStreamEvent[] = [];

    const error = await failureOf(
      (async () => {
        for await (const event of llmAgainst(server).stream(hello)) received.push(event);
      })(),
    );

    expect(received).toEqual([
      { type: 'text_delta', text: 'Sure, ' },
      { type: 'text_delta', text: 'the answer' },
    ]);
    expect(error).toBeInstanceOf(LlmUnavailableError);
    expect(error).toMatchObject({ attempts: 1, afterOutput: true });
    expect(server.requests).toHaveLength(1);
  });

  it('does not retry once text has reached the caller: the endpoint goes silent mid-reply', async () => {
    server.script({ kind: 'stream', text: ['Sure, ', 'the answer'], cutOff: { afterChunks: 2, then: 'hang' } }, reply.text('never sent'));

    const error = await failureOf(collect(llmAgainst(server, { timeoutMs: 40 }).stream(hello)));

    expect(error).toMatchObject({ attempts: 1, afterOutput: true, reason: 'timeout' });
    expect(server.requests).toHaveLength(1);
  });

  it('aborts a waiting request via the signal with LlmAbortedError and no retry', async () => {
    server.script(reply.hang(), reply.text('never sent'));
    const controller = new AbortController();

    const outcome = failureOf(collect(llmAgainst(server).stream(hello, { signal: controller.signal })));
    await server.waitForRequests(1);
    controller.abort('user barged in');
    const error = await outcome;

    expect(error).toBeInstanceOf(LlmAbortedError);
    expect(error).toMatchObject({ reason: 'user barged in' });
    await server.requests[0]?.closed;
    expect(server.requests).toHaveLength(1);
  });

  it('aborts mid-stream via the signal', async () => {
    server.script({ kind: 'stream', text: ['Once ', 'upon'], cutOff: { afterChunks: 2, then: 'hang' } });
    const controller = new AbortController();
    const received: string[] = [];

    const error = await failureOf(
      (async () => {
        for await (const event of llmAgainst(server).stream(hello, { signal: controller.signal })) {
          if (event.type === 'text_delta') received.push(event.text);
          controller.abort();
        }
      })(),
    );

    expect(received).toEqual(['Once ']);
    expect(error).toBeInstanceOf(LlmAbortedError);
  });

  it('aborts during the backoff between attempts', async () => {
    server.script(reply.status(503), reply.text('never sent'));
    const controller = new AbortController();

    const error = await failureOf(
      collect(
        llmAgainst(server, { backoff: { initialMs: 60_000, maxMs: 60_000 } }, { onRetry: () => controller.abort() }).stream(hello, {
          signal: controller.signal,
        }),
      ),
    );

    expect(error).toBeInstanceOf(LlmAbortedError);
    expect(server.requests).toHaveLength(1);
  });

  it('refuses at once when the signal is already aborted', async () => {
    const error = await failureOf(collect(llmAgainst(server).stream(hello, { signal: AbortSignal.abort() })));

    expect(error).toBeInstanceOf(LlmAbortedError);
    expect(server.requests).toHaveLength(0);
  });
});
