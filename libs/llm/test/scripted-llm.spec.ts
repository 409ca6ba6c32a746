import { describe, expect, it } from '@jest/globals';
import { collect } from '../src/collect.js';
import { LlmAbortedError, LlmUnavailableError } from '../src/errors.js';
import { ScriptExhaustedError, ScriptedLlm } from '../src/fake/scripted-llm.js';
import type { LlmRequest, LlmStreamEvent } from '../src/llm-port.js';

const ask = (content: string, extra: Partial<LlmRequest> = {}): LlmRequest => ({ messages: [{ role: 'user', content }], ...extra });

async function events(stream: AsyncIterable<LlmStreamEvent>): Promise<LlmStreamEvent[]> {
  const seen: LlmStreamEvent[] = [];
  for await (const event of stream) seen.push(event);
  return seen;
}

/** A delay the test ends by hand: `nextWait()` resolves when the fake starts waiting. */
function manualDelay() {
  const waits: Array<{ ms: number; end: () => void }> = [];
  const watchers: Array<() => void> = [];
  return {
    delay: (ms: number) =>
      new Promise<void>((end) => {
        waits.push({ ms, end });
        watchers.shift()?.();
      }),
    async nextWait(): Promise<{ ms: number; end: () => void }> {
      if (waits.length === 0) await new Promise<void>((resolve) => watchers.push(resolve));
      return waits.shift()!;
    },
  };
}

describe('ScriptedLlm', () => {
  it('answers from the script in order, streaming text in a few deltas', async () => {
    const llm = new ScriptedLlm([{ text: 'Hello there, how can I help?' }, { text: 'Bye.' }]);

    const first = await events(llm.stream(ask('hi')));
    const second = await collect(llm.stream(ask('bye')));

    const deltas = first.filter((e) => e.type === 'text_delta');
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.map((e) => e.text).join('')).toBe('Hello there, how can I help?');
    expect(first.at(-1)).toEqual({ type: 'done', finishReason: 'stop' });
    expect(second).toEqual({ text: 'Bye.', toolCalls: [], finishReason: 'stop' });
    expect(llm.remainingSteps).toBe(0);
  });

  it('emits tool calls with given or derived ids, encoding object arguments as JSON', async () => {
    const llm = new ScriptedLlm([
      { toolCalls: [{ callId: 'call_x', name: 'book', arguments: { size: 2 } }, { name: 'notify' }] },
      { toolCalls: [{ name: 'book', arguments: '{"size":3}' }] },
    ]);

    const first = await collect(llm.stream(ask('book it')));
    const second = await collect(llm.stream(ask('again')));

    expect(first).toEqual({
      text: '',
      finishReason: 'tool_calls',
      toolCalls: [
        { callId: 'call_x', name: 'book', arguments: '{"size":2}' },
        { callId: 'call_1_1', name: 'notify', arguments: '{}' },
      ],
    });
    expect(second.toolCalls).toEqual([{ callId: 'call_2_0', name: 'book', arguments: '{"size":3}' }]);
  });

  it('records every request so tests can assert tool choice, instructions and offered tools', async () => {
    const tool = { name: 'get_weather', description: 'Weather', parameters: { type: 'object', properties: {} } };
    const llm = new ScriptedLlm([{ text: 'a' }, { text: 'b' }]);
    const messages = [{ role: 'user' as const, content: 'weather?' }];

    await collect(llm.stream({ messages, tools: [tool], toolChoice: 'auto' }));
    await collect(llm.stream({ messages, tools: [tool], toolChoice: 'none', instructions: 'Report the weather result.' }));
    messages.push({ role: 'user', content: 'mutated later' });

    expect(llm.requests).toHaveLength(2);
    expect(llm.requests[0]).toMatchObject({ toolChoice: 'auto', tools: [tool] });
    expect(llm.lastRequest).toMatchObject({ toolChoice: 'none', instructions: 'Report the weather result.' });
    // Requests are snapshots, not live references.
    expect(llm.lastRequest?.messages).toEqual([{ role: 'user', content: 'weather?' }]);
  });

  it('lets a step be a function of the request', async () => {
    const llm = new ScriptedLlm([(request, n) => ({ text: `#${n} saw ${request.toolChoice ?? 'no choice'}` })]);

    expect((await collect(llm.stream(ask('x', { toolChoice: 'none' })))).text).toBe('#1 saw none');
  });

  it('fails clearly when the script runs out, naming the request and the last user message', async () => {
    const llm = new ScriptedLlm([{ text: 'only one' }]);
    await collect(llm.stream(ask('first')));

    await expect(collect(llm.stream(ask('what about my order?')))).rejects.toThrow(
      new ScriptExhaustedError(2, 'what about my order?'),
    );
    await expect(collect(llm.stream(ask('again')))).rejects.toThrow(
      'ScriptedLlm: no step left for request #3; last user message: "again"',
    );
    expect(llm.requests).toHaveLength(3);
  });

  it('falls back to whenUnmatched once the script has run out', async () => {
    const llm = new ScriptedLlm([{ text: 'scripted' }], { whenUnmatched: (_request, n) => ({ text: `fallback ${n}` }) });

    expect((await collect(llm.stream(ask('a')))).text).toBe('scripted');
    expect((await collect(llm.stream(ask('b')))).text).toBe('fallback 2');
  });

  it('takes steps enqueued later', async () => {
    const llm = new ScriptedLlm();
    llm.enqueue({ text: 'late step' });

    expect((await collect(llm.stream(ask('a')))).text).toBe('late step');
  });

  it('waits its latency through the injected delay before streaming', async () => {
    const clock = manualDelay();
    const llm = new ScriptedLlm([{ text: 'slow' }, { text: 'slower', latencyMs: 900 }], { latencyMs: 250, delay: clock.delay });

    let firstDone = false;
    const first = collect(llm.stream(ask('a'))).finally(() => (firstDone = true));
    const firstWait = await clock.nextWait();
    expect(firstWait.ms).toBe(250);
    expect(firstDone).toBe(false);
    firstWait.end();
    expect((await first).text).toBe('slow');

    const second = collect(llm.stream(ask('b')));
    const secondWait = await clock.nextWait();
    expect(secondWait.ms).toBe(900);
    secondWait.end();
    expect((await second).text).toBe('slower');
  });

  it('throws a scripted error after streaming the scripted text', async () => {
    const failure = new LlmUnavailableError({ attempts: 1, reason: 'network', afterOutput: true });
    const llm = new ScriptedLlm([{ text: 'Half a', error: failure }]);
    const seen: LlmStreamEvent[] = [];

    await expect(
      (async () => {
        for await (const event of llm.stream(ask('a'))) seen.push(event);
      })(),
    ).rejects.toBe(failure);
    expect(seen.map((e) => (e.type === 'text_delta' ? e.text : e.type)).join('')).toBe('Half a');
  });

  it('honours the abort signal', async () => {
    const controller = new AbortController();
    const llm = new ScriptedLlm([{ text: 'one two three four five six' }]);
    const seen: string[] = [];

    await expect(
      (async () => {
        for await (const event of llm.stream(ask('a'), { signal: controller.signal })) {
          if (event.type === 'text_delta') seen.push(event.text);
          controller.abort();
        }
      })(),
    ).rejects.toBeInstanceOf(LlmAbortedError);
    expect(seen).toHaveLength(1);
  });
});
