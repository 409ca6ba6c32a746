import { describe, expect, it } from '@jest/globals';
import { isCurrent, isIdle, pendingCallIds } from '../../src/deciders/index.js';
import { call, command, interrupted, progress, succeeded, taskIdOf, timedOut, userState } from './support/commands.js';
import { ofType, scenario, types } from './support/scenario.js';

/** c1 of `tool` went async and its acknowledgement played: the activity is idle. */
function idleWithAsync(tool = 'search', agent = 'Plain', args: unknown = { query: 'x' }) {
  const s = scenario(agent);
  s.userSays('go');
  s.llm('', [call('c1', tool, args)]);
  s.report('c1', progress('working'));
  s.llm('On it.');
  s.playAll();
  expect(isIdle(s.state(), 'a1')).toBe(true);
  return s;
}

const deliveredCallIds = (events: readonly { type: string }[]) =>
  ofType(events as never, 'ReplyDeliveryStarted').map((event: { data: { callIds: string[] } }) => event.data.callIds);

describe('SEMANTICS §7: idle, current, and when a deferred reply fires', () => {
  it('a paused activity is not current', () => {
    const s = scenario('Plain');
    s.userSays('email');
    s.llm('', [call('c1', 'collect_email')]);
    s.send(command('StartAgentTask', { taskId: taskIdOf('c1'), agent: 'GetEmailTask' }));
    expect(isCurrent(s.state(), 'a1')).toBe(false);
    expect(isCurrent(s.state(), 'a2')).toBe(true);
  });

  it('the user speaking blocks delivery; an end-of-turn decision pending blocks it too; the command that clears both delivers', () => {
    const s = idleWithAsync();
    s.send(userState(true));
    expect(deliveredCallIds(s.report('c1', succeeded('done')))).toEqual([]);
    expect(deliveredCallIds(s.send(userState(false, true)))).toEqual([]);
    const cleared = s.send(userState(false, false));
    expect(types(cleared)).toEqual(['UserStateChanged', 'ReplyDeliveryStarted']);
  });

  it('a generation in flight blocks delivery; its completion (text queued as speech) still blocks; the playout delivers', () => {
    const s = idleWithAsync();
    s.userSays('meanwhile, hello');
    expect(deliveredCallIds(s.report('c1', succeeded('done')))).toEqual([]);
    expect(deliveredCallIds(s.llm('Hello!'))).toEqual([]);
    expect(deliveredCallIds(s.playAll())).toEqual([['c1_finished']]);
  });

  it('a dispatch in flight blocks delivery until its call has an output and the tool reply played', () => {
    const s = idleWithAsync();
    s.userSays('weather too');
    s.llm('', [call('c2', 'lookup', { city: 'Oslo' })]);
    expect(deliveredCallIds(s.report('c1', succeeded('done')))).toEqual([]);
    expect(deliveredCallIds(s.report('c2', succeeded('12°C')))).toEqual([]);
    s.llm('12°C in Oslo.');
    expect(deliveredCallIds(s.playAll())).toEqual([['c1_finished']]);
  });

  it('with client playout a speech never reported counts as played after the playout timeout, recorded as such', () => {
    const s = idleWithAsync();
    s.userSays('hello');
    s.llm('Hello!');
    s.report('c1', succeeded('done'));
    const speechId = s.state().playing?.speechId ?? '';
    const events = s.send(timedOut(speechId));
    expect(ofType(events, 'SpeechFinished')[0]?.data).toEqual({ speechId, status: 'played', cause: 'timeout' });
    expect(deliveredCallIds(events)).toEqual([['c1_finished']]);
  });

  it('an update queued after delivery started starts a new batch; delivery takes the whole batch atomically', () => {
    const s = idleWithAsync();
    const first = s.report('c1', progress('two'));
    expect(deliveredCallIds(first)).toEqual([['c1_update_1']]);
    expect(pendingCallIds(s.state())).toEqual([]);
    s.report('c1', progress('three'));
    s.report('c1', succeeded('done'));
    expect(pendingCallIds(s.state())).toEqual(['c1_update_2', 'c1_finished']);
    s.reply('By the way…');
    expect(deliveredCallIds(s.playAll())).toEqual([['c1_update_2', 'c1_finished']]);
  });

  it('two owners produce two replies back to back', () => {
    const s = scenario('Concierge');
    s.userSays('both');
    s.llm('', [call('c1', 'search', { query: 'x' }), call('c2', 'book', { destination: 'R' })]);
    s.report('c1', progress('a'));
    s.report('c2', progress('b'));
    s.llm('Working.');
    s.report('c1', succeeded('found'));
    s.report('c2', succeeded('booked'));
    expect(deliveredCallIds(s.playAll())).toEqual([['c1_finished']]);
    s.reply('Found it.');
    expect(deliveredCallIds(s.playAll())).toEqual([['c2_finished']]);
  });

  it('an empty reply speaks nothing, is recorded, and leaves the activity idle (the next batch goes at once)', () => {
    const s = scenario('Concierge');
    s.userSays('both');
    s.llm('', [call('c1', 'search', { query: 'x' }), call('c2', 'book', { destination: 'R' })]);
    s.report('c1', progress('a'));
    s.report('c2', progress('b'));
    s.llm('Working.');
    s.report('c1', succeeded('found'));
    s.report('c2', succeeded('booked'));
    s.playAll();
    const events = s.reply('');
    expect(types(events)).toEqual(['ReplyGenerated', 'ReplyDeliveryStarted']);
    expect(ofType(events, 'ReplyGenerated')[0]?.data.text).toBe('');
  });

  it('a deferred reply the user interrupts is put back and delivered again once — not a third time', () => {
    const s = idleWithAsync();
    s.report('c1', succeeded('done'));
    s.reply('By the way, it is done.');
    const speechId = s.state().playing?.speechId ?? '';
    const put = s.send(interrupted(speechId));
    expect(types(put)).toEqual(['SpeechFinished', 'ReplyRequeued', 'ReplyDeliveryStarted']);
    expect(ofType(put, 'ReplyDeliveryStarted')[0]?.data.redeliveredCallIds).toEqual(['c1_finished']);

    s.reply('As I was saying, it is done.');
    const again = s.send(interrupted(s.state().playing?.speechId ?? ''));
    expect(types(again)).toEqual(['SpeechFinished']);
  });

  it('an interrupted reply is not put back when the interruption cancelled the task', () => {
    const s = idleWithAsync();
    s.report('c1', progress('two'));
    s.reply('By the way, step two.');
    s.send(userState(true));
    s.send(interrupted(s.state().playing?.speechId ?? ''));
    expect(pendingCallIds(s.state())).toEqual(['c1_update_1']);
    s.send(command('SubmitUserTurn', { text: 'stop that search' }));
    const events = s.llm('', [call('k1', 'cancel_task', { call_id: 'c1' })]);
    expect(ofType(events, 'ReplyDropped').map((event) => event.data.reason)).toEqual(['task_cancelled']);
    expect(pendingCallIds(s.state())).toEqual([]);
  });

  it("delivery 'silent' writes the items and speaks no reply", () => {
    const s = idleWithAsync('notify', 'Plain', {});
    const events = s.report('c1', succeeded('sent'));
    expect(types(events)).toEqual(['TaskSucceeded', 'ChatItemAdded', 'ChatItemAdded']);
    expect(pendingCallIds(s.state())).toEqual([]);
  });

  it("delivery 'interrupt' cuts in on agent speech at once", () => {
    const s = idleWithAsync('alert', 'Plain', {});
    s.userSays('tell me a story');
    s.llm('Once upon a time…');
    const events = s.report('c1', succeeded('FIRE ALARM'));
    expect(types(events).slice(-2)).toEqual(['SpeechFinished', 'ReplyDeliveryStarted']);
    expect(ofType(events, 'SpeechFinished')[0]?.data.cause).toBe('cut_in');
    expect(ofType(events, 'ReplyDeliveryStarted')[0]?.data.mode).toBe('interrupt');
  });

  it("delivery 'interrupt' never cuts in on the user: it waits until the user stopped", () => {
    const s = idleWithAsync('alert', 'Plain', {});
    s.send(userState(true));
    expect(deliveredCallIds(s.report('c1', succeeded('FIRE ALARM')))).toEqual([]);
    expect(deliveredCallIds(s.send(userState(false)))).toEqual([['c1_finished']]);
  });

  it('with instant playout the whole chain settles in the decisions that cause it', () => {
    const s = scenario('Plain', 'instant');
    s.userSays('go');
    s.llm('', [call('c1', 'search', { query: 'x' })]);
    s.report('c1', progress('working'));
    s.llm('On it.');
    const events = s.report('c1', succeeded('done'));
    expect(deliveredCallIds(events)).toEqual([['c1_finished']]);
    const replied = s.reply('Done!');
    expect(types(replied)).toEqual(['ReplyGenerated', 'ChatItemAdded', 'SpeechQueued', 'SpeechStarted', 'SpeechFinished']);
    expect(s.state().deliveries[ofType(events, 'ReplyDeliveryStarted')[0]!.data.deliveryId]?.status).toBe('done');
  });
});

describe('handoff requested by a tool result', () => {
  it('an async tool that returns an agent hands off when its _finished result was delivered and played, not before', () => {
    const s = idleWithAsync('transfer_to_billing', 'Plain', {});
    const finished = s.report('c1', succeeded('Billing can help with that.', 'Billing'));
    expect(types(finished)).toEqual(['TaskSucceeded', 'ChatItemAdded', 'ChatItemAdded', 'ReplyQueued', 'HandoffDeferred', 'ReplyDeliveryStarted']);
    expect(s.state().currentActivityId).toBe('a1');
    s.reply('Let me hand you to billing.');
    const handed = s.playAll();
    expect(ofType(handed, 'HandoffPerformed')[0]?.data).toEqual({ fromActivityId: 'a1', toActivityId: 'a2', agent: 'Billing', callId: 'c1' });
    expect(s.state().currentActivityId).toBe('a2');
    expect(ofType(handed, 'GenerationRequested')[0]?.data.purpose).toBe('handoff');
  });

  it('a handoff to an agent that is not a handoff target is rejected (recorded) and the activity carries on', () => {
    const s = scenario('Billing');
    s.userSays('go');
    s.llm('', [call('c1', 'refund')]);
    const events = s.report('c1', succeeded('ok', 'Plain'));
    expect(ofType(events, 'HandoffRejected')[0]?.data).toEqual({ callId: 'c1', agent: 'Plain', reason: 'not_a_handoff_target' });
    expect(ofType(events, 'GenerationRequested').map((event) => event.data.purpose)).toEqual(['tool_reply']);
    expect(s.state().currentActivityId).toBe('a1');
  });

  it('a synchronous handoff asks the new agent, not the old one, to speak', () => {
    const s = scenario('Plain');
    s.userSays('billing');
    s.llm('', [call('c1', 'transfer_to_billing')]);
    const events = s.report('c1', succeeded('ok', 'Billing'));
    expect(ofType(events, 'GenerationRequested').map((event) => [event.aggregate, event.data.purpose])).toEqual([
      [{ kind: 'activity', activityId: 'a2' }, 'handoff'],
    ]);
  });
});
