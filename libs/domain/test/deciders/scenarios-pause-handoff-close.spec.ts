import { describe, expect, it } from '@jest/globals';
import { command, call, progress, started, succeeded, taskIdOf } from './support/commands.js';
import { ofType, outputsOf, scenario, types } from './support/scenario.js';

describe('SEMANTICS §11 scenarios 14–17: pause, handoff, close', () => {
  it("scenario 14: A's task finishes while GetEmailTask is current → items land in A, no reply; A delivers after its awaiting tool returned and its reply played", () => {
    const s = scenario('Plain');
    s.userSays('find a flight');
    s.llm('', [call('c1', 'search', { query: 'flights' })]);
    s.report('c1', progress('searching'));
    s.llm('Searching.');
    s.playAll();

    s.userSays('and take my email');
    s.llm('', [call('c2', 'collect_email')]);
    s.report('c2', started());
    const entered = s.send(command('StartAgentTask', { taskId: taskIdOf('c2'), agent: 'GetEmailTask' }));
    expect(types(entered)).toEqual(['ActivityPaused', 'ActivityStarted', 'AgentTaskEntered', 'GenerationRequested']);
    expect(s.state().currentActivityId).toBe('a2');
    expect(s.state().stack).toEqual(['a1']);

    const finished = s.report('c1', succeeded('flight AF123'));
    expect(outputsOf(s.chat('a1')).at(-1)).toEqual({ callId: 'c1_finished', output: 'flight AF123', isError: false });
    expect(s.chat('a2')).toEqual([]);
    expect(ofType(finished, 'ReplyDeliveryStarted')).toEqual([]);

    s.llm('What is your email?');
    s.playAll();
    s.userSays('bob@example.com');
    s.llm('', [call('e1', 'submit_email', { email: 'bob@example.com' })]);
    const returned = s.send(command('CompleteAgentTask', { activityId: 'a2', result: { email: 'bob@example.com' } }));
    expect(ofType(returned, 'AgentTaskReturned')[0]?.data).toMatchObject({ outcome: 'completed', result: { email: 'bob@example.com' }, taskId: taskIdOf('c2') });
    expect(s.state().currentActivityId).toBe('a1');
    // A's awaiting tool has not returned yet: its dispatch holds the turn, no reply.
    expect(ofType(returned, 'ReplyDeliveryStarted')).toEqual([]);

    const toolReturned = s.report('c2', succeeded('bob@example.com'));
    expect(ofType(toolReturned, 'ReplyDeliveryStarted')).toEqual([]);
    s.llm('Thanks, I have your email.');
    const delivered = s.playAll();
    expect(ofType(delivered, 'ReplyDeliveryStarted').map((event) => ({ activityId: event.data.activityId, callIds: event.data.callIds }))).toEqual([
      { activityId: 'a1', callIds: ['c1_finished'] },
    ]);
  });

  it('scenario 15: handoff from A with a bare task and an agent-scoped toolset task running → both cancelled, no reply in A or B, the audit says why', () => {
    const s = scenario('Concierge');
    s.userSays('search and book');
    s.llm('', [call('c1', 'search', { query: 'x' }), call('c2', 'book', { destination: 'Rome' })]);
    s.report('c1', progress('searching'));
    s.report('c2', progress('booking'));
    s.llm('Working on both.');
    s.report('c1', progress('still searching')); // the acknowledgement is playing: _update_1 waits
    s.userSays('actually, billing please');
    s.llm('', [call('c3', 'transfer_to_billing')]);
    const handoff = s.report('c3', succeeded('Transferring you to billing.', 'Billing'));

    expect(ofType(handoff, 'TaskCancelRequested').map((event) => event.data)).toEqual([
      { taskId: taskIdOf('c1'), reason: 'handoff', byCallId: null },
      { taskId: taskIdOf('c2'), reason: 'handoff', byCallId: null },
    ]);
    expect(ofType(handoff, 'ReplyDropped').map((event) => ({ reason: event.data.reason, callIds: event.data.entries.map((entry) => entry.callId) }))).toEqual([
      { reason: 'handoff', callIds: ['c1_update_1'] },
    ]);
    expect(ofType(handoff, 'ActivityClosed').map((event) => event.data.reason)).toEqual(['handoff']);
    expect(ofType(handoff, 'HandoffPerformed')[0]?.data).toEqual({ fromActivityId: 'a1', toActivityId: 'a2', agent: 'Billing', callId: 'c3' });
    expect(s.state().currentActivityId).toBe('a2');

    s.llm('Hello, billing here.');
    s.playAll();
    expect(types(s.report('c2', succeeded('booked')))).toEqual(['ReportDiscarded']);
    expect(ofType(s.log(), 'ReplyDeliveryStarted')).toEqual([]);
  });

  it('scenario 16: a session-scoped toolset task started under A, handoff to B, the task finishes → B delivers it', () => {
    const s = scenario('Concierge');
    s.userSays('track my parcel');
    s.llm('', [call('c1', 'track', { parcel: 'P1' })]);
    s.report('c1', progress('looking it up'));
    s.llm('Tracking it.');
    s.playAll();
    s.userSays('billing please');
    s.llm('', [call('c2', 'transfer_to_billing')]);
    const handoff = s.report('c2', succeeded('ok', 'Billing'));
    expect(ofType(handoff, 'TaskCancelRequested')).toEqual([]);
    s.llm('Billing here.');
    s.playAll();

    const done = s.report('c1', succeeded('delivered yesterday'));
    expect(outputsOf(s.chat('a2')).at(-1)).toEqual({ callId: 'c1_finished', output: 'delivered yesterday', isError: false });
    expect(ofType(done, 'ReplyDeliveryStarted').map((event) => ({ ...event.aggregate, activityId: event.data.activityId, callIds: event.data.callIds, foreign: event.data.foreignItems }))).toEqual([
      { kind: 'session', activityId: 'a2', callIds: ['c1_finished'], foreign: [] },
    ]);
  });

  it('items queued into A before a handoff and delivered by B ride along in B’s reply context once, with a warning', () => {
    const s = scenario('Concierge');
    s.userSays('track my parcel');
    s.llm('', [call('c1', 'track', { parcel: 'P1' })]);
    s.report('c1', progress('looking it up'));
    s.llm('Tracking it.');
    s.report('c1', progress('in Lyon')); // written into A; A is speaking, so the reply waits
    s.userSays('billing please');
    s.llm('', [call('c2', 'transfer_to_billing')]);
    s.report('c2', succeeded('ok', 'Billing'));
    s.llm('Billing here.');
    const delivered = s.playAll();

    const [delivery] = ofType(delivered, 'ReplyDeliveryStarted');
    expect(delivery?.data.activityId).toBe('a2');
    expect(delivery?.data.callIds).toEqual(['c1_update_1']);
    expect(delivery?.data.foreignItems.map((item) => item.type)).toEqual(['function_call', 'function_call_output']);
    expect(delivery?.data.warnings).toHaveLength(1);
    expect(s.chat('a2').some((item) => item.type !== 'message' && item.callId === 'c1_update_1')).toBe(false);
  });

  it('a session-scoped reply A had not spoken yet when a handoff closed it goes back and is delivered by B', () => {
    const s = scenario('Concierge');
    s.userSays('track my parcel');
    s.llm('', [call('c1', 'track', { parcel: 'P1' })]);
    s.report('c1', progress('looking it up'));
    s.llm('Tracking it.');
    s.playAll();
    s.report('c1', succeeded('delivered')); // A starts delivering [c1_finished]
    s.userSays('billing please'); // the user speaks before the reply is generated
    s.llm('', [call('c2', 'transfer_to_billing')]);
    const handoff = s.report('c2', succeeded('ok', 'Billing'));
    expect(ofType(handoff, 'ReplyRequeued').map((event) => [event.aggregate.kind, event.data.entries.map((entry) => entry.callId)])).toEqual([
      ['session', ['c1_finished']],
    ]);
    s.reply('Your parcel was delivered.'); // A's late reply: recorded, not spoken
    s.llm('Billing here.');
    const delivered = s.playAll();
    expect(ofType(delivered, 'ReplyDeliveryStarted').map((event) => [event.data.activityId, event.data.redeliveredCallIds])).toEqual([['a2', ['c1_finished']]]);
  });

  it('scenario 17: session closed with tasks of every scope running → all cancelled, no reply, every activity closed, nothing left to wait for', () => {
    const s = scenario('Concierge');
    s.userSays('do everything');
    s.llm('', [call('c1', 'search', { query: 'x' }), call('c2', 'book', { destination: 'Rome' }), call('c3', 'track', { parcel: 'P' })]);
    for (const id of ['c1', 'c2', 'c3']) s.report(id, progress('working'));
    s.llm('On it.');
    s.report('c3', progress('more')); // pending reply for the session owner
    s.userSays('my email');
    s.llm('', [call('c4', 'collect_email')]);
    s.send(command('StartAgentTask', { taskId: taskIdOf('c4'), agent: 'GetEmailTask' }));

    const closed = s.send(command('CloseSession', { reason: 'client' }));
    expect(ofType(closed, 'TaskCancelRequested').map((event) => [event.data.taskId, event.data.reason])).toEqual(
      expect.arrayContaining(['c1', 'c2', 'c3', 'c4'].map((id) => [taskIdOf(id), 'session_closed'])),
    );
    expect(ofType(closed, 'ReplyDropped').map((event) => [event.data.reason, event.data.entries.map((entry) => entry.callId)])).toEqual([
      ['session_closed', ['c3_update_1']],
    ]);
    expect(ofType(closed, 'ActivityClosed').map((event) => event.aggregate)).toEqual([
      { kind: 'activity', activityId: 'a2' },
      { kind: 'activity', activityId: 'a1' },
    ]);
    expect(closed.at(-1)?.type).toBe('SessionClosed');
    expect(ofType(closed, 'ReplyDeliveryStarted')).toEqual([]);
    expect(types(s.report('c1', succeeded('late')))).toEqual(['ReportDiscarded']);
    expect(ofType(s.log(), 'ReportDiscarded')[0]?.data.reason).toBe('session_closed');
  });
});
