import { describe, expect, it } from '@jest/globals';
import { isIdle } from '../../src/deciders/index.js';
import { defaultTemplates, renderUpdate } from '../../src/templates/templates.js';
import { call, command, progress, started, succeeded, taskIdOf } from './support/commands.js';
import { fakeRegistry } from './support/fake-registry.js';
import { ofType, outputsOf, scenario, types } from './support/scenario.js';

describe('SEMANTICS §1: sync or async', () => {
  it('every call starts blocking: the dispatch holds the turn, no tool reply and no idle until the call has an output', () => {
    const s = scenario('Plain');
    s.userSays('weather');
    const dispatched = s.llm('', [call('c1', 'lookup', { city: 'Oslo' })]);
    expect(types(dispatched)).toEqual(['GenerationCompleted', 'ChatItemAdded', 'ToolCallDispatched', 'TaskRequested']);
    expect(isIdle(s.state(), 'a1')).toBe(false);
    expect(types(s.report('c1', started()))).toEqual(['TaskStarted']);
    expect(isIdle(s.state(), 'a1')).toBe(false);
  });

  it('the first update resolves the original call with the update template and releases the turn at once', () => {
    const s = scenario('Plain');
    s.userSays('weather');
    s.llm('', [call('c1', 'lookup', { city: 'Oslo' })]);
    const released = s.report('c1', progress('asking'));
    expect(types(released)).toEqual(['TaskProgressed', 'ChatItemAdded', 'ToolCallResolved', 'GenerationRequested']);
    expect(ofType(released, 'ToolCallResolved')[0]?.data).toEqual({ generationId: 'a1-g1', callId: 'c1', via: 'first_update', wantsReply: true });
    expect(outputsOf(s.chat())).toEqual([{ callId: 'c1', output: renderUpdate(defaultTemplates, 'lookup', 'asking'), isError: false }]);
  });

  it('a tool that returns before any update is a synchronous tool (original output, normal tool reply, no deferred reply)', () => {
    const s = scenario('Plain', 'instant');
    s.userSays('weather');
    s.llm('', [call('c1', 'lookup', { city: 'Oslo' })]);
    const done = s.report('c1', succeeded('12°C'));
    expect(outputsOf(s.chat())).toEqual([{ callId: 'c1', output: '12°C', isError: false }]);
    expect(ofType(done, 'GenerationRequested').map((event) => event.data.purpose)).toEqual(['tool_reply']);
    s.llm('It is 12°C.');
    expect(ofType(s.log(), 'ReplyQueued')).toEqual([]);
    expect(isIdle(s.state(), 'a1')).toBe(true);
  });

  it('a generation with several calls asks for one tool reply, when the last of them has its output', () => {
    const s = scenario('Plain');
    s.userSays('two things');
    s.llm('', [call('c1', 'lookup', { city: 'Oslo' }), call('c2', 'search', { query: 'x' })]);
    expect(ofType(s.report('c1', succeeded('12°C')), 'GenerationRequested')).toEqual([]);
    expect(ofType(s.report('c2', progress('searching')), 'GenerationRequested').map((event) => event.data.parentGenerationId)).toEqual(['a1-g1']);
    expect(ofType(s.report('c2', succeeded('found')), 'GenerationRequested')).toEqual([]);
  });
});

describe('SEMANTICS §2: owners, scopes and lifetimes', () => {
  it('a bare tool is owned by the activity, an agent-scoped toolset by the toolset bound to it, a session-scoped toolset by the session', () => {
    const s = scenario('Concierge');
    s.userSays('all three');
    const events = s.llm('', [call('c1', 'search', { query: 'x' }), call('c2', 'book', { destination: 'Rome' }), call('c3', 'track', { parcel: 'P' })]);
    expect(ofType(events, 'TaskRequested').map((event) => [event.data.ownerKey, event.aggregate])).toEqual([
      ['activity/a1', { kind: 'activity', activityId: 'a1' }],
      ['toolset/a1/travel', { kind: 'activity', activityId: 'a1' }],
      ['session/tracker', { kind: 'session' }],
    ]);
    expect(Object.keys(s.state().tasks)).toEqual([taskIdOf('c3')]);
  });

  it('a pause tears nothing down: the paused activity’s tasks keep folding and their items land in its chat context', () => {
    const s = scenario('Concierge');
    s.userSays('book and email');
    s.llm('', [call('c1', 'book', { destination: 'Rome' }), call('c2', 'collect_email')]);
    s.report('c1', progress('booking'));
    const paused = s.send(command('StartAgentTask', { taskId: taskIdOf('c2'), agent: 'GetEmailTask' }));
    expect(ofType(paused, 'TaskCancelRequested')).toEqual([]);
    expect(s.state().activities['a1']?.status).toBe('paused');
    s.report('c1', progress('still booking'));
    s.report('c1', succeeded('booked'));
    expect(outputsOf(s.chat('a1')).map((output) => output.callId)).toEqual(['c1', 'c1_update_1', 'c1_finished']);
    expect(s.state().activities['a1']?.batches[0]?.entries.map((entry) => entry.callId)).toEqual(['c1_update_1', 'c1_finished']);
  });

  it('while an agent task is current, session-scoped items go to the top-level agent and their reply waits for it', () => {
    const s = scenario('Concierge');
    s.userSays('track and email');
    s.llm('', [call('c1', 'track', { parcel: 'P' }), call('c2', 'collect_email')]);
    s.report('c1', progress('looking'));
    s.send(command('StartAgentTask', { taskId: taskIdOf('c2'), agent: 'GetEmailTask' }));
    s.llm('Your email?');
    s.playAll();
    const done = s.report('c1', succeeded('arrived'));
    expect(ofType(done, 'ReplyDeliveryStarted')).toEqual([]);
    expect(outputsOf(s.chat('a1')).at(-1)?.callId).toBe('c1_finished');
    expect(s.state().batches.map((batch) => batch.ownerKey)).toEqual(['session/tracker']);

    s.send(command('CompleteAgentTask', { activityId: 'a2', result: { email: 'a@b.c' } }));
    s.report('c2', succeeded('a@b.c'));
    s.llm('Thanks.');
    const delivered = s.playAll();
    expect(ofType(delivered, 'ReplyDeliveryStarted').map((event) => [event.data.activityId, event.data.callIds])).toEqual([['a1', ['c1_finished']]]);
  });

  it('an agent task that completes closes with its own tasks cancelled and its parent resumed', () => {
    const s = scenario('Plain');
    s.userSays('email');
    s.llm('', [call('c1', 'collect_email')]);
    s.send(command('StartAgentTask', { taskId: taskIdOf('c1'), agent: 'GetEmailTask' }));
    s.llm('', [call('e1', 'submit_email', { email: 'a@b.c' })]);
    const returned = s.send(command('CompleteAgentTask', { activityId: 'a2', result: { email: 'a@b.c' } }));
    expect(types(returned)).toEqual(['TaskCancelRequested', 'ActivityClosed', 'AgentTaskReturned', 'ActivityResumed']);
    expect(ofType(returned, 'TaskCancelRequested')[0]?.data).toEqual({ taskId: taskIdOf('e1'), reason: 'activity_closed', byCallId: null });
    expect(s.state().activities['a1']?.status).toBe('resumed');
  });

  it('if the tool awaiting an agent task is cancelled, the agent task is aborted and the parent resumes (nothing hangs)', () => {
    const s = scenario('Plain');
    s.userSays('email');
    s.llm('', [call('c1', 'collect_email')]);
    s.send(command('StartAgentTask', { taskId: taskIdOf('c1'), agent: 'GetEmailTask' }));
    const cancelled = s.send(command('CancelTask', { callId: 'c1' }));
    expect(ofType(cancelled, 'AgentTaskReturned')[0]?.data).toMatchObject({ outcome: 'aborted', result: null });
    expect(s.state().currentActivityId).toBe('a1');
    expect(outputsOf(s.chat('a1'))).toEqual([{ callId: 'c1', output: '', isError: false }]);
  });
});

describe('SEMANTICS §3: chat items the LLM sees', () => {
  it('a later update is a new call with the same name and arguments, written into the chat context at once', () => {
    const s = scenario('Plain');
    s.userSays('go');
    s.llm('', [call('c1', 'search', '{"query": "flights"}')]);
    s.report('c1', progress('one'));
    s.llm('Searching.');
    s.report('c1', progress('two'));
    const items = s.chat().filter((item) => item.type !== 'message');
    expect(items.slice(-2)).toEqual([
      { type: 'function_call', callId: 'c1_update_1', name: 'search', arguments: '{"query": "flights"}' },
      { type: 'function_call_output', callId: 'c1_update_1', name: 'search', output: renderUpdate(defaultTemplates, 'search', 'two'), isError: false },
    ]);
  });

  it.each([
    ['returns nothing', succeeded(null)],
    ['is cancelled', { type: 'failed', kind: 'cancelled', message: 'aborted' } as const],
  ])('a tool that %s after an update writes nothing and queues nothing', (_, terminal) => {
    const s = scenario('Plain');
    s.userSays('go');
    s.llm('', [call('c1', 'search', { query: 'x' })]);
    s.report('c1', progress('one'));
    s.llm('Searching.');
    s.playAll();
    const before = s.chat().length;
    const events = s.report('c1', terminal);
    expect(s.chat()).toHaveLength(before);
    expect(ofType(events, 'ReplyQueued')).toEqual([]);
  });

  it('templates are overridable per session, agent and toolset; the most specific wins', () => {
    const registry = {
      ...fakeRegistry,
      agent: (name: string) => {
        const agent = fakeRegistry.agent(name);
        if (!agent) return undefined;
        return {
          ...agent,
          templates: { update: 'AGENT {message}' },
          tools: agent.tools.map((tool) => (tool.name === 'book' ? { ...tool, templates: { update: (input: { message: string }) => `TOOLSET ${input.message}` } } : tool)),
        };
      },
    };
    const s = scenario('Concierge', 'client', { registry, templates: { update: 'SESSION {message}', replyInstructions: 'SAY {callIds}' } });
    s.userSays('both');
    s.llm('', [call('c1', 'search', { query: 'x' }), call('c2', 'book', { destination: 'Rome' })]);
    s.report('c1', progress('s'));
    s.report('c2', progress('b'));
    expect(outputsOf(s.chat()).map((output) => output.output)).toEqual(['AGENT s', 'TOOLSET b']);
    s.llm('ok');
    s.playAll();
    const delivered = s.report('c1', succeeded('done'));
    expect(ofType(delivered, 'ReplyDeliveryStarted')[0]?.data.instructions).toBe('SAY [c1_finished]');
  });
});
