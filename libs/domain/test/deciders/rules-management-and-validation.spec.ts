import { describe, expect, it } from '@jest/globals';
import { INTERNAL_ERROR_TEXT, notCancellableText } from '../../src/templates/fixed-texts.js';
import { managementToolsVisible, runningTasks } from '../../src/deciders/index.js';
import { call, command, failed, progress, started } from './support/commands.js';
import { defaultContext } from './support/given-when-then.js';
import { ofType, outputsOf, scenario } from './support/scenario.js';

const outputOf = (s: ReturnType<typeof scenario>, callId: string) => outputsOf(s.chat()).find((output) => output.callId === callId);

describe('SEMANTICS §5: listing and cancelling', () => {
  it('a toolset always offers the management tools, once per request however many owners are involved', () => {
    const s = scenario('Concierge');
    const first = s.userSays('hello');
    expect(ofType(first, 'GenerationRequested')[0]?.data.tools).toEqual(['search', 'book', 'track', 'transfer_to_billing', 'collect_email', 'get_running_tasks', 'cancel_task']);
    s.llm('', [call('c1', 'search', { query: 'x' }), call('c2', 'book', { destination: 'R' }), call('c3', 'track', { parcel: 'P' })]);
    const tools = ofType(s.report('c1', progress('a')), 'GenerationRequested');
    expect(tools).toEqual([]);
    s.report('c2', progress('b'));
    const reply = s.report('c3', progress('c'));
    const offered = ofType(reply, 'GenerationRequested')[0]?.data.tools ?? [];
    expect(offered.filter((name) => name === 'cancel_task')).toHaveLength(1);
  });

  it("managementTools: 'always' keeps the schema stable for an agent that never goes async", () => {
    const s = scenario('Plain', 'client', defaultContext, 'always');
    expect(ofType(s.userSays('hi'), 'GenerationRequested')[0]?.data.tools).toContain('get_running_tasks');
    expect(managementToolsVisible(s.state(), 'a1', defaultContext)).toBe(true);
  });

  it('get_running_tasks lists every running task across owners with call id, name, arguments, start, attempt and last progress', () => {
    const s = scenario('Concierge');
    s.userSays('go');
    s.llm('', [call('c1', 'book', { destination: 'Rome' }), call('c2', 'track', { parcel: 'P' })]);
    s.report('c1', started());
    s.report('c1', progress('comparing fares'));
    s.report('c2', progress('looking'));
    s.llm('Working.');
    s.playAll();
    s.userSays('what is running?');
    s.llm('', [call('g1', 'get_running_tasks')]);
    expect(JSON.parse(outputOf(s, 'g1')?.output ?? 'null')).toEqual([
      { call_id: 'c1', name: 'book', arguments: '{"destination":"Rome"}', started_at: '2026-11-24T10:00:00.000Z', attempt: 1, last_progress: 'comparing fares' },
      { call_id: 'c2', name: 'track', arguments: '{"parcel":"P"}', started_at: '2026-11-24T10:00:00.000Z', attempt: 1, last_progress: 'looking' },
    ]);
  });

  // Found with the input fuzz (reliability/): each running call may hold up to the argument limit
  // (128 KiB); listed whole, five of them made one output larger than an event may be, and the
  // commit of the whole generation failed.
  it('listings cut each running call’s arguments: get_running_tasks and the duplicate answers stay short', () => {
    const s = scenario('Concierge');
    s.userSays('book five');
    const destination = (n: number) => `${n}${'x'.repeat(100_000)}`;
    s.llm('', [1, 2, 3, 4, 5].map((n) => call(`c${n}`, 'book', { destination: destination(n), confirm_duplicate: true })));
    for (const n of [1, 2, 3, 4, 5]) s.report(`c${n}`, progress('booking'));
    s.llm('Booking all five.');
    s.playAll();
    s.userSays('and Rome, and what is running?');
    s.llm('', [call('c6', 'book', { destination: 'Rome' }), call('g1', 'get_running_tasks')]);
    const confirm = outputOf(s, 'c6')?.output ?? '';
    expect(confirm).toContain('c5');
    expect(confirm.length).toBeLessThan(8_000);
    const listed = JSON.parse(outputOf(s, 'g1')?.output ?? '[]') as { call_id: string; arguments: string }[];
    expect(listed.map((task) => task.call_id)).toEqual(['c1', 'c2', 'c3', 'c4', 'c5']);
    expect(listed[0]?.arguments).toMatch(/^\{"destination":"1x+… \(cut: 100019 characters in all\)$/);
  });

  it('get_running_tasks with nothing running → an empty output', () => {
    const s = scenario('Concierge');
    s.userSays('what is running?');
    s.llm('', [call('g1', 'get_running_tasks')]);
    expect(outputOf(s, 'g1')).toEqual({ callId: 'g1', output: '', isError: false });
  });

  it('cancel_task on a tool that is not cancellable → an error output, and it keeps running', () => {
    const s = scenario('Plain');
    s.userSays('go');
    s.llm('', [call('c1', 'pinned')]);
    s.report('c1', progress('working'));
    s.llm('ok');
    s.playAll();
    s.userSays('cancel');
    const events = s.llm('', [call('k1', 'cancel_task', { call_id: 'c1' })]);
    expect(outputOf(s, 'k1')).toEqual({ callId: 'k1', output: notCancellableText('c1', 'the tool does not allow cancellation'), isError: true });
    expect(ofType(events, 'TaskCancelRequested')).toEqual([]);
    expect(runningTasks(s.state()).map((task) => task.callId)).toEqual(['c1']);
  });

  it('cancel_task on a task whose dispatching speech disallowed interruptions → not cancellable', () => {
    const s = scenario('Plain');
    s.userSays('go', false);
    s.llm('', [call('c1', 'search', { query: 'x' })]);
    s.report('c1', progress('working'));
    s.llm('ok');
    s.playAll();
    s.userSays('cancel');
    s.llm('', [call('k1', 'cancel_task', { call_id: 'c1' })]);
    expect(outputOf(s, 'k1')?.output.startsWith('Tool call c1 is not cancellable')).toBe(true);
    expect(outputOf(s, 'k1')?.isError).toBe(true);
  });

  it('cancel_task with bad arguments → a parse-error output', () => {
    const s = scenario('Concierge');
    s.userSays('cancel');
    s.llm('', [call('k1', 'cancel_task', '{}')]);
    expect(outputOf(s, 'k1')).toEqual({ callId: 'k1', output: 'Error parsing arguments for `cancel_task`: call_id: required', isError: true });
  });

  // Found by the input fuzz (reliability/): cancel_task read its arguments with a parser of its
  // own — "invalid JSON" without a place, an array "received object", no size or depth limit.
  it.each([
    ['{"call_id": c1}', /^arguments: invalid JSON \(/],
    ['["c1"]', /^arguments: expected a JSON object, received array$/],
    ['{"call_id":["c1"]}', /^call_id: expected string, received array$/],
    ['{"call_id":"c1","__proto__":{"call_id":"c2"}}', /^__proto__: forbidden key$/],
    [`{"call_id":${'['.repeat(10_000)}${']'.repeat(10_000)}}`, /^arguments: nested deeper than 64 levels$/],
    [JSON.stringify({ call_id: 'c'.repeat(301) }), /^call_id: Too big: expected string to have <=300 characters$/],
  ])('cancel_task with %s → validated like any tool’s arguments', (raw, problem) => {
    const s = scenario('Concierge');
    s.userSays('cancel');
    s.llm('', [call('k1', 'cancel_task', raw)]);
    const output = outputOf(s, 'k1');
    expect(output?.isError).toBe(true);
    expect(output?.output.slice('Error parsing arguments for `cancel_task`: '.length)).toMatch(problem);
  });

  it('a cancel before the first update resolves the original call with an empty, non-error output and no tool reply', () => {
    const s = scenario('Plain');
    s.userSays('go');
    s.llm('', [call('c1', 'search', { query: 'x' })]);
    const events = s.send(command('CancelTask', { callId: 'c1' }));
    expect(outputOf(s, 'c1')).toEqual({ callId: 'c1', output: '', isError: false });
    expect(ofType(events, 'ToolCallResolved')[0]?.data.wantsReply).toBe(false);
    expect(ofType(events, 'GenerationRequested')).toEqual([]);
  });

  it('a cancel after an update emits nothing further and drops the task’s pending replies', () => {
    const s = scenario('Plain');
    s.userSays('go');
    s.llm('', [call('c1', 'search', { query: 'x' })]);
    s.report('c1', progress('one'));
    s.llm('Searching.');
    s.report('c1', progress('two'));
    const events = s.send(command('CancelTask', { callId: 'c1' }));
    expect(ofType(events, 'ReplyDropped').map((event) => [event.data.reason, event.data.entries.map((entry) => entry.callId)])).toEqual([['task_cancelled', ['c1_update_1']]]);
    expect(ofType(events, 'ChatItemAdded')).toEqual([]);
    expect(ofType(s.report('c1', progress('three')), 'ReportDiscarded')).toHaveLength(1);
  });
});

describe('SEMANTICS §6 and §8: argument validation and errors before/after the first update', () => {
  it('an unknown tool gets an error output and no task', () => {
    const s = scenario('Plain');
    s.userSays('go');
    const events = s.llm('', [call('c1', 'teleport', {})]);
    expect(outputOf(s, 'c1')?.isError).toBe(true);
    expect(ofType(events, 'TaskRequested')).toEqual([]);
  });

  it('valid arguments reach the task parsed (defaults applied), the raw text kept for later items', () => {
    const s = scenario('Plain');
    s.userSays('go');
    const events = s.llm('', [call('c1', 'lookup', '"{\\"city\\": \\"Oslo\\"}"')]);
    expect(ofType(events, 'TaskRequested')[0]?.data).toMatchObject({ arguments: { city: 'Oslo', days: 1 }, canonicalArguments: '{"city":"Oslo","days":1}' });
  });

  it('ToolError before any update → original output is its message, isError, and a normal tool reply follows', () => {
    const s = scenario('Plain');
    s.userSays('go');
    s.llm('', [call('c1', 'lookup', { city: 'Atlantis' })]);
    const events = s.report('c1', failed('tool_error', 'No such city'));
    expect(outputOf(s, 'c1')).toEqual({ callId: 'c1', output: 'No such city', isError: true });
    expect(ofType(events, 'GenerationRequested').map((event) => event.data.purpose)).toEqual(['tool_reply']);
  });

  it('another exception before any update → original output "An internal error occurred", isError', () => {
    const s = scenario('Plain');
    s.userSays('go');
    s.llm('', [call('c1', 'lookup', { city: 'Oslo' })]);
    s.report('c1', failed('internal', 'ECONNRESET'));
    expect(outputOf(s, 'c1')).toEqual({ callId: 'c1', output: INTERNAL_ERROR_TEXT, isError: true });
  });

  it('a timeout finishes with an error the LLM sees', () => {
    const s = scenario('Plain');
    s.userSays('go');
    s.llm('', [call('c1', 'lookup', { city: 'Oslo' })]);
    s.report('c1', failed('timeout', ''));
    expect(outputOf(s, 'c1')).toEqual({ callId: 'c1', output: 'Tool `lookup` timed out.', isError: true });
  });
});
