import { describe, expect, it } from '@jest/globals';
import { cancelledText, FAILED_TO_CANCEL_DUPLICATES_PREFIX, notFoundText } from '../../src/templates/fixed-texts.js';
import { defaultTemplates, renderDuplicateConfirm, renderDuplicateReject } from '../../src/templates/templates.js';
import { call, progress, started, succeeded, taskIdOf } from './support/commands.js';
import { ofType, outputsOf, scenario } from './support/scenario.js';

/** `tool` is called as c1 and goes async; the LLM acknowledges and the acknowledgement plays. */
function asyncTask(agent: string, tool: string, args: unknown) {
  const s = scenario(agent);
  s.userSays('go');
  s.llm('', [call('c1', tool, args)]);
  s.report('c1', started());
  s.report('c1', progress('working'));
  s.llm('On it.');
  s.playAll();
  return s;
}

describe('SEMANTICS §11 scenarios 6–10: management tools, duplicates, cancel', () => {
  it('scenario 6: while a bare task is live the tool list has get_running_tasks and cancel_task; after it finishes it does not', () => {
    const s = scenario('Plain');
    const before = s.userSays('go');
    expect(ofType(before, 'GenerationRequested')[0]?.data.tools).not.toContain('get_running_tasks');
    s.llm('', [call('c1', 'search', { query: 'x' })]);
    const release = s.report('c1', progress('working'));
    expect(ofType(release, 'GenerationRequested')[0]?.data.tools).toEqual(expect.arrayContaining(['get_running_tasks', 'cancel_task']));

    s.llm('On it.');
    s.playAll();
    s.report('c1', succeeded('done'));
    s.reply('Done, by the way.');
    s.playAll();
    const after = s.userSays('thanks');
    const tools = ofType(after, 'GenerationRequested')[0]?.data.tools;
    expect(tools).not.toContain('get_running_tasks');
    expect(tools).not.toContain('cancel_task');
  });

  it('scenario 7: a bare tool called again by name while the first runs → the reject text naming the first call; only one body runs', () => {
    const s = asyncTask('Plain', 'search', { query: 'flights' });
    s.userSays('search again');
    s.llm('', [call('c2', 'search', { query: 'hotels' })]);

    const expected = renderDuplicateReject(defaultTemplates, 'search', [{ callId: 'c1', arguments: '{"query":"flights"}' }]);
    expect(outputsOf(s.chat()).find((output) => output.callId === 'c2')).toEqual({ callId: 'c2', output: expected, isError: false });
    expect(expected).toContain('c1');
    expect(ofType(s.log(), 'TaskRequested').map((event) => event.data.callId)).toEqual(['c1']);
  });

  it('scenario 8: toolset with confirm → without confirm_duplicate the confirm text; with it true a second body runs without the flag', () => {
    const s = asyncTask('Concierge', 'book', { destination: 'Rome' });
    s.userSays('book another');
    s.llm('', [call('c2', 'book', { destination: 'Oslo' })]);
    const confirmText = renderDuplicateConfirm(defaultTemplates, 'book', [{ callId: 'c1', arguments: '{"destination":"Rome"}' }]);
    expect(outputsOf(s.chat()).find((output) => output.callId === 'c2')).toEqual({ callId: 'c2', output: confirmText, isError: false });

    s.llm('Should I book a second one?');
    s.playAll();
    s.userSays('yes');
    s.llm('', [call('c3', 'book', { destination: 'Oslo', confirm_duplicate: true })]);
    const requested = ofType(s.log(), 'TaskRequested');
    expect(requested.map((event) => event.data.callId)).toEqual(['c1', 'c3']);
    expect(requested[1]?.data.arguments).toEqual({ destination: 'Oslo' });
    expect(requested[1]?.data.ownerKey).toBe('toolset/a1/travel');
  });

  it('scenario 9: replace → the running task is cancelled (no _finished item) and the new one runs', () => {
    const s = asyncTask('Plain', 'watch', { topic: 'btc' });
    s.userSays('watch eth instead');
    const events = s.llm('', [call('c2', 'watch', { topic: 'eth' })]);
    expect(ofType(events, 'TaskCancelRequested').map((event) => event.data)).toEqual([
      { taskId: taskIdOf('c1'), reason: 'replaced', byCallId: 'c2' },
    ]);
    expect(ofType(events, 'TaskRequested').map((event) => event.data.callId)).toEqual(['c2']);

    const late = s.report('c1', succeeded('btc at 100k'));
    expect(late.map((event) => event.type)).toEqual(['ReportDiscarded']);
    expect(s.chat().some((item) => item.type !== 'message' && item.callId === 'c1_finished')).toBe(false);
  });

  it('scenario 10: cancel_task twice on a live task → "cancelled successfully", then "not found or already completed"', () => {
    const s = asyncTask('Plain', 'search', { query: 'x' });
    s.userSays('cancel it');
    const first = s.llm('', [call('k1', 'cancel_task', { call_id: 'c1' })]);
    expect(ofType(first, 'TaskCancelRequested').map((event) => event.data)).toEqual([{ taskId: taskIdOf('c1'), reason: 'cancel_task', byCallId: 'k1' }]);
    s.llm('Cancelled.');
    s.playAll();
    s.userSays('cancel it again');
    s.llm('', [call('k2', 'cancel_task', { call_id: 'c1' })]);

    const outputs = outputsOf(s.chat());
    expect(outputs.find((output) => output.callId === 'k1')).toEqual({ callId: 'k1', output: cancelledText('c1'), isError: false });
    expect(outputs.find((output) => output.callId === 'k2')).toEqual({ callId: 'k2', output: notFoundText('c1'), isError: false });
  });

  it('replace fails as a whole when a running duplicate cannot be cancelled', () => {
    const s = scenario('Plain');
    s.userSays('go');
    s.llm('', [call('c1', 'watch', { topic: 'btc' })]);
    s.report('c1', progress('working'));
    s.llm('On it.');
    s.playAll();
    // c2 replaces c1 (cancellable); c2 itself comes from a turn that disallowed interruptions.
    s.userSays('pin it', false);
    s.llm('', [call('c2', 'watch', { topic: 'eth' })]);
    expect(ofType(s.log(), 'TaskCancelRequested').map((event) => event.data.taskId)).toEqual([taskIdOf('c1')]);

    s.report('c2', progress('watching eth'));
    s.llm('Watching eth.');
    s.playAll();
    s.userSays('now dogecoin');
    const events = s.llm('', [call('c3', 'watch', { topic: 'doge' })]);
    const output = outputsOf(s.chat()).find((candidate) => candidate.callId === 'c3');
    expect(output?.isError).toBe(true);
    expect(output?.output.startsWith(FAILED_TO_CANCEL_DUPLICATES_PREFIX)).toBe(true);
    expect(output?.output).toContain('c2');
    expect(ofType(events, 'TaskCancelRequested')).toEqual([]);
    expect(ofType(events, 'TaskRequested')).toEqual([]);
  });
});
