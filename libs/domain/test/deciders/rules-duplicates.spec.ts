import { describe, expect, it } from '@jest/globals';
import { attachedText } from '../../src/templates/fixed-texts.js';
import { defaultTemplates, renderDuplicateReject } from '../../src/templates/templates.js';
import { call, progress, taskIdOf } from './support/commands.js';
import { ofType, outputsOf, scenario } from './support/scenario.js';

/** c1 of `tool` is running (async); the next user turn's generation is pending. */
function running(tool: string, args: unknown, agent = 'Plain') {
  const s = scenario(agent);
  s.userSays('first');
  s.llm('', [call('c1', tool, args)]);
  s.report('c1', progress('working'));
  s.llm('On it.');
  s.playAll();
  s.userSays('again');
  return s;
}

const outputOf = (s: ReturnType<typeof running>, callId: string) => outputsOf(s.chat()).find((output) => output.callId === callId);
const requestedCalls = (s: ReturnType<typeof running>) => ofType(s.log(), 'TaskRequested').map((event) => event.data.callId);

describe('SEMANTICS §4: duplicate calls', () => {
  it('reject (the bare default) decides before argument validation: an invalid duplicate gets the reject text, not a parse error', () => {
    const s = running('search', { query: 'a' });
    s.llm('', [call('c2', 'search', '{"query": 12')]);
    expect(outputOf(s, 'c2')).toEqual({
      callId: 'c2',
      output: renderDuplicateReject(defaultTemplates, 'search', [{ callId: 'c1', arguments: '{"query":"a"}' }]),
      isError: false,
    });
  });

  it('a duplicate within the same generation is detected: the second call sees the task the first one started', () => {
    const s = scenario('Plain');
    s.userSays('twice');
    s.llm('', [call('c1', 'search', { query: 'a' }), call('c2', 'search', { query: 'b' })]);
    expect(requestedCalls(s)).toEqual(['c1']);
    expect(outputOf(s, 'c2')?.output).toContain('c1');
  });

  it('allow runs every call', () => {
    const s = running('ping', {});
    s.llm('', [call('c2', 'ping', {})]);
    expect(requestedCalls(s)).toEqual(['c1', 'c2']);
  });

  it('confirm decides before validation too: without the flag an invalid duplicate gets the confirm text', () => {
    const s = running('book', { destination: 'Rome' }, 'Concierge');
    s.llm('', [call('c2', 'book', '{"destination": 3}')]);
    expect(outputOf(s, 'c2')?.output).toContain('confirm_duplicate');
    expect(outputOf(s, 'c2')?.isError).toBe(false);
  });

  it('confirm with the flag true but invalid arguments: the parse error, nothing runs', () => {
    const s = running('book', { destination: 'Rome' }, 'Concierge');
    s.llm('', [call('c2', 'book', { destination: 3, confirm_duplicate: true })]);
    expect(outputOf(s, 'c2')?.isError).toBe(true);
    expect(requestedCalls(s)).toEqual(['c1']);
  });

  it('replace validates first: an invalid call never cancels the healthy task', () => {
    const s = running('watch', { topic: 'btc' });
    const events = s.llm('', [call('c2', 'watch', { topic: 5 })]);
    expect(ofType(events, 'TaskCancelRequested')).toEqual([]);
    expect(outputOf(s, 'c2')?.output.startsWith('Error parsing arguments for `watch`:')).toBe(true);
  });

  it('replace of a task still in its synchronous phase resolves it with an empty output, and the turn waits for the new call only', () => {
    const s = scenario('Plain');
    s.userSays('watch');
    const events = s.llm('', [call('c1', 'watch', { topic: 'btc' }), call('c2', 'watch', { topic: 'eth' })]);
    expect(outputOf(s as never, 'c1')).toEqual({ callId: 'c1', output: '', isError: false });
    expect(ofType(events, 'GenerationRequested')).toEqual([]);
    expect(ofType(s.report('c2', progress('watching')), 'GenerationRequested')).toHaveLength(1);
  });

  it('name_and_args: only equal canonical arguments are a duplicate', () => {
    const s = running('poll', { url: 'https://a' });
    s.llm('', [call('c2', 'poll', { url: 'https://b' }), call('c3', 'poll', '{ "url" : "https://a" }')]);
    expect(requestedCalls(s)).toEqual(['c1', 'c2']);
    expect(outputOf(s, 'c3')?.output).toContain('already running');
  });

  it('name_and_args: arguments that do not parse are never a duplicate (they get the parse error)', () => {
    const s = running('poll', { url: 'https://a' });
    s.llm('', [call('c2', 'poll', '{"url": 1}')]);
    expect(outputOf(s, 'c2')?.output.startsWith('Error parsing arguments for `poll`:')).toBe(true);
  });

  it('attach: the re-emitted call joins the running task instead of running twice; other arguments run', () => {
    const s = running('fetch', { url: 'https://a' });
    const events = s.llm('', [call('c2', 'fetch', { url: 'https://a' }), call('c3', 'fetch', { url: 'https://b' })]);
    expect(outputOf(s, 'c2')).toEqual({ callId: 'c2', output: attachedText('fetch', 'c1'), isError: false });
    expect(ofType(events, 'ToolCallAnswered')[0]?.data).toMatchObject({ answer: 'attached', relatedCallIds: ['c1'] });
    expect(requestedCalls(s)).toEqual(['c1', 'c3']);
  });

  it('a finished task is no longer a duplicate', () => {
    const s = scenario('Plain', 'instant');
    s.userSays('first');
    s.llm('', [call('c1', 'search', { query: 'a' })]);
    s.report('c1', { type: 'succeeded', result: 'x', handoff: null });
    s.llm('x');
    s.userSays('again');
    s.llm('', [call('c2', 'search', { query: 'a' })]);
    expect(requestedCalls(s)).toEqual(['c1', 'c2']);
    expect(Object.keys(s.state().taskLocations)).toEqual([taskIdOf('c1'), taskIdOf('c2')]);
  });
});
