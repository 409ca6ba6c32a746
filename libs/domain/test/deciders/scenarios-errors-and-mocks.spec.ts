import { describe, expect, it } from '@jest/globals';
import { INTERNAL_ERROR_TEXT } from '../../src/templates/fixed-texts.js';
import { call, failed, progress, started, succeeded } from './support/commands.js';
import { ofType, outputsOf, scenario, type Scenario } from './support/scenario.js';

function asyncLookup(): Scenario {
  const s = scenario('Plain');
  s.userSays('weather in Paris');
  s.llm('', [call('c1', 'lookup', { city: 'Paris' })]);
  s.report('c1', started());
  s.report('c1', progress('asking the weather service'));
  s.llm('Checking.');
  s.playAll();
  return s;
}

describe('SEMANTICS §11 scenarios 11–13 and 18: errors and mocks', () => {
  it.each([
    ['invalid JSON', '{"city": "Par', 'invalid JSON'],
    ['a missing required parameter', '{}', 'city: required'],
    ['a wrong type', '{"city": 42}', 'city:'],
  ])('scenario 11: %s → the parse-error ToolError output naming the problem; the body never runs', (_, raw, problem) => {
    const s = scenario('Plain');
    s.userSays('weather');
    const events = s.llm('', [call('c1', 'lookup', raw)]);
    const [output] = outputsOf(s.chat());
    expect(output?.isError).toBe(true);
    expect(output?.output.startsWith('Error parsing arguments for `lookup`:')).toBe(true);
    expect(output?.output).toContain(problem);
    expect(ofType(events, 'TaskRequested')).toEqual([]);
    expect(ofType(events, 'ToolCallAnswered').map((event) => event.data.answer)).toEqual(['invalid_arguments']);
    // The LLM answers the error in a normal tool reply.
    expect(ofType(events, 'GenerationRequested').map((event) => event.data.purpose)).toEqual(['tool_reply']);
  });

  it('scenario 12: the body throws ToolError("nope") after an update → _finished "nope", isError, and a deferred reply', () => {
    const s = asyncLookup();
    const events = s.report('c1', failed('tool_error', 'nope'));
    expect(outputsOf(s.chat()).at(-1)).toEqual({ callId: 'c1_finished', output: 'nope', isError: true });
    expect(ofType(events, 'ReplyDeliveryStarted').map((event) => event.data.callIds)).toEqual([['c1_finished']]);
  });

  it('scenario 13: a plain Error after an update → _finished "An internal error occurred", isError; the message only in the audit event', () => {
    const s = asyncLookup();
    const events = s.report('c1', failed('internal', 'TypeError: cannot read x of undefined'));
    expect(outputsOf(s.chat()).at(-1)).toEqual({ callId: 'c1_finished', output: INTERNAL_ERROR_TEXT, isError: true });
    expect(ofType(events, 'TaskFailed')[0]?.data).toMatchObject({ kind: 'internal', message: 'TypeError: cannot read x of undefined' });
    expect(JSON.stringify(s.state().activities)).not.toContain('TypeError');
    expect(ofType(events, 'ReplyDeliveryStarted')).toHaveLength(1);
  });

  it('scenario 18: a mocked async tool drives update and returns → the same items and reply as the real tool', () => {
    // A mock is only another body: it reports through the same fold, under the same owner.
    const run = (actor: { kind: 'runner' | 'gateway'; id: string }) => {
      const s = scenario('Plain');
      s.userSays('weather in Paris');
      s.llm('', [call('c1', 'lookup', { city: 'Paris' })]);
      s.report('c1', started(), { actor });
      s.report('c1', progress('checking'), { actor });
      s.llm('Checking.');
      s.playAll();
      s.report('c1', succeeded('sunny'), { actor });
      return s;
    };
    const real = run({ kind: 'runner', id: 'runner-1' });
    const mocked = run({ kind: 'gateway', id: 'mock:lookup' });
    expect(mocked.log().map(({ type, data }) => ({ type, data }))).toEqual(real.log().map(({ type, data }) => ({ type, data })));
    expect(outputsOf(mocked.chat())).toEqual([
      { callId: 'c1', output: expect.stringContaining('checking'), isError: false },
      { callId: 'c1_finished', output: 'sunny', isError: false },
    ]);
    expect(ofType(mocked.log(), 'ReplyDeliveryStarted').map((event) => event.data.callIds)).toEqual([['c1_finished']]);
  });
});
