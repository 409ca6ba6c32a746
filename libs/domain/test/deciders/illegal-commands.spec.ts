import { describe, it } from '@jest/globals';
import { call, command, completeGeneration, progress, recordReply, report, startSession, taskIdOf, userTurn } from './support/commands.js';
import { given } from './support/given-when-then.js';
import { scenario } from './support/scenario.js';

function withEmailTask() {
  const s = scenario('Plain');
  s.userSays('email');
  s.llm('', [call('c1', 'collect_email')]);
  s.send(command('StartAgentTask', { taskId: taskIdOf('c1'), agent: 'GetEmailTask' }));
  return s;
}

describe('illegal commands are refused with a typed DomainError and decide nothing', () => {
  it('any command before the session started', () => {
    given().when(userTurn('hi')).thenThrows('SESSION_NOT_STARTED');
  });

  it('starting twice', () => {
    given(scenario().log()).when(startSession()).thenThrows('SESSION_ALREADY_STARTED');
  });

  it('starting with an unknown agent, or with an agent task', () => {
    given().when(startSession('Nobody')).thenThrows('UNKNOWN_AGENT');
    given().when(startSession('GetEmailTask')).thenThrows('NOT_AN_AGENT');
  });

  it('any command but a report after the session closed', () => {
    const s = scenario();
    s.send(command('CloseSession', { reason: 'client' }));
    given(s.log()).when(userTurn('hi')).thenThrows('SESSION_CLOSED');
  });

  it('resuming a closed activity (completing an agent task that already completed)', () => {
    const s = withEmailTask();
    s.send(command('CompleteAgentTask', { activityId: 'a2', result: {} }));
    given(s.log()).when(command('CompleteAgentTask', { activityId: 'a2', result: {} })).thenThrows('ACTIVITY_CLOSED');
  });

  it('completing an agent task on an agent, on an unknown activity, or on a task that is not current', () => {
    const s = withEmailTask();
    given(s.log()).when(command('CompleteAgentTask', { activityId: 'a1', result: {} })).thenThrows('NOT_AN_AGENT_TASK');
    given(s.log()).when(command('CompleteAgentTask', { activityId: 'a9', result: {} })).thenThrows('ACTIVITY_NOT_FOUND');
  });

  it('folding a report for a task the session never had', () => {
    given(scenario().log()).when(report('sess-3-abcdef123-nope', 1, 0, { type: 'started' })).thenThrows('UNKNOWN_TASK');
  });

  it('folding a report with an impossible attempt or seq', () => {
    const s = scenario();
    s.userSays('go');
    s.llm('', [call('c1', 'search', { query: 'x' })]);
    given(s.log()).when(report(taskIdOf('c1'), 0, 0, { type: 'started' })).thenThrows('INVALID_COMMAND');
  });

  it('delivering with nothing pending', () => {
    given(scenario().log()).when(command('DeliverPendingReplies', {})).thenThrows('NOTHING_TO_DELIVER');
  });

  it('delivering while not idle', () => {
    const s = scenario('Plain');
    s.userSays('go');
    s.llm('', [call('c1', 'search', { query: 'x' })]);
    s.report('c1', progress('one'));
    s.llm('Searching.');
    s.report('c1', progress('two'));
    given(s.log()).when(command('DeliverPendingReplies', {})).thenThrows('NOT_IDLE');
  });

  it('completing an unknown generation, or one that already completed', () => {
    const s = scenario();
    s.userSays('hi');
    given(s.log()).when(completeGeneration('a1-g9', 'x')).thenThrows('UNKNOWN_GENERATION');
    s.llm('hello');
    given(s.log()).when(completeGeneration('a1-g1', 'again')).thenThrows('GENERATION_NOT_PENDING');
  });

  it('recording a reply for an unknown delivery, or twice', () => {
    const s = scenario('Plain', 'instant');
    s.userSays('go');
    s.llm('', [call('c1', 'search', { query: 'x' })]);
    s.report('c1', progress('one'));
    s.llm('Searching.');
    s.report('c1', progress('two'));
    given(s.log()).when(recordReply('nope', 'x')).thenThrows('UNKNOWN_DELIVERY');
    s.reply('By the way');
    given(s.log()).when(recordReply('sess-3-abcdef123-d1', 'again')).thenThrows('DELIVERY_NOT_PENDING');
  });

  it('a playout report for a speech that does not exist', () => {
    given(scenario().log()).when(command('ReportPlayout', { speechId: 'a1-s9', status: 'played' })).thenThrows('UNKNOWN_SPEECH');
  });

  it('running an agent task from a call that already went async, from a finished task, or with an agent that is not a task', () => {
    const s = scenario('Plain');
    s.userSays('go');
    s.llm('', [call('c1', 'collect_email'), call('c2', 'search', { query: 'x' })]);
    given(s.log()).when(command('StartAgentTask', { taskId: taskIdOf('c1'), agent: 'Billing' })).thenThrows('NOT_AN_AGENT_TASK');
    given(s.log()).when(command('StartAgentTask', { taskId: taskIdOf('c1'), agent: 'Ghost' })).thenThrows('UNKNOWN_AGENT');
    s.report('c2', progress('one'));
    given(s.log()).when(command('StartAgentTask', { taskId: taskIdOf('c2'), agent: 'GetEmailTask' })).thenThrows('TASK_ALREADY_ASYNC');
    s.report('c1', { type: 'succeeded', result: null, handoff: null });
    given(s.log()).when(command('StartAgentTask', { taskId: taskIdOf('c1'), agent: 'GetEmailTask' })).thenThrows('TASK_NOT_RUNNING');
  });

  it('cancelling from the host a task that is unknown or not cancellable', () => {
    const s = scenario('Plain');
    s.userSays('go');
    s.llm('', [call('c1', 'pinned')]);
    given(s.log()).when(command('CancelTask', { callId: 'c9' })).thenThrows('UNKNOWN_TASK');
    given(s.log()).when(command('CancelTask', { callId: 'c1' })).thenThrows('TASK_NOT_CANCELLABLE');
  });
});
