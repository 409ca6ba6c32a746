import { describe, expect, it } from '@jest/globals';
import type { DecidedEvent } from '../../src/deciders/index.js';
import { evolveActivity, initialActivityState } from '../../src/deciders/index.js';
import { call, command, completeGeneration, progress, SESSION_ID, startSession, succeeded, taskIdOf, userState, userTurn } from './support/commands.js';
import { given } from './support/given-when-then.js';
import { ofType, scenario } from './support/scenario.js';

describe('session lifecycle and user state', () => {
  it('StartSession → the session starts with its first agent current', () => {
    given()
      .when(startSession('Plain', 'client'))
      .then([
        {
          aggregate: { kind: 'session' },
          type: 'SessionStarted',
          data: { sessionId: SESSION_ID, agent: 'Plain', activityId: 'a1', playout: 'client', partition: 3, managementTools: 'when_live', lateResults: null },
        },
        {
          aggregate: { kind: 'activity', activityId: 'a1' },
          type: 'ActivityStarted',
          data: { activityId: 'a1', agent: 'Plain', kind: 'agent', reason: 'session_start', parentActivityId: null, awaitedByTaskId: null },
        },
      ]);
  });

  it('a user turn records the message and asks the current activity for a generation', () => {
    given(scenario().log())
      .when(userTurn('hello'))
      .then([
        { aggregate: { kind: 'activity', activityId: 'a1' }, type: 'ChatItemAdded', data: { item: { type: 'message', role: 'user', text: 'hello' } } },
        {
          aggregate: { kind: 'activity', activityId: 'a1' },
          type: 'GenerationRequested',
          data: {
            generationId: 'a1-g1',
            purpose: 'user_turn',
            toolChoice: 'auto',
            tools: ['search', 'lookup', 'collect_email', 'transfer_to_billing', 'watch', 'fetch', 'poll', 'ping', 'notify', 'alert', 'pinned'],
            instructions: null,
            allowInterruptions: true,
            parentGenerationId: null,
          },
        },
      ]);
  });

  it('a user state that does not change decides nothing', () => {
    given(scenario().log()).when(userState(false, false)).then([]);
  });

  it('GenerateReply asks the current activity to speak with one-off instructions', () => {
    given(scenario().log())
      .when(command('GenerateReply', { instructions: 'Greet the user.' }))
      .thenEvents((events) => expect(ofType(events, 'GenerationRequested')[0]?.data).toMatchObject({ purpose: 'explicit', instructions: 'Greet the user.' }));
  });

  it('an LLM that reuses a call id gets a session-unique one (tasks and _finished items never collide)', () => {
    const s = scenario('Plain', 'instant');
    s.userSays('one');
    s.llm('', [call('call_0', 'search', { query: 'a' })]);
    s.report('call_0', succeeded('a'));
    s.llm('a');
    s.userSays('two');
    const events = s.llm('', [call('call_0', 'lookup', { city: 'Oslo' })]);
    expect(ofType(events, 'GenerationCompleted')[0]?.data.calls).toEqual([{ callId: 'call_0_2', llmCallId: 'call_0', name: 'lookup' }]);
    expect(ofType(events, 'TaskRequested')[0]?.data.taskId).toBe(taskIdOf('call_0_2'));
  });

  it('a generation answered after its activity closed is recorded as discarded, nothing else', () => {
    const s = scenario('Plain');
    s.userSays('billing');
    s.llm('', [call('c1', 'transfer_to_billing')]);
    s.userSays('quickly please'); // a1-g2 is requested while c1 still runs
    s.report('c1', succeeded('ok', 'Billing'));
    expect(s.state().activities['a1']?.status).toBe('closed');
    given(s.log())
      .when(completeGeneration('a1-g2', 'Sure!', [call('c9', 'search', { query: 'x' })]))
      .then([
        {
          aggregate: { kind: 'activity', activityId: 'a1' },
          type: 'GenerationDiscarded',
          data: { generationId: 'a1-g2', reason: 'activity_closed', text: 'Sure!', toolCalls: 1 },
        },
      ]);
  });

  it('every activity stream folds on its own to the same activity state the session holds', () => {
    const s = scenario('Concierge');
    s.userSays('go');
    s.llm('Sure.', [call('c1', 'search', { query: 'x' }), call('c2', 'track', { parcel: 'P' }), call('c3', 'collect_email')]);
    s.report('c1', progress('one'));
    s.report('c2', progress('one'));
    s.send(command('StartAgentTask', { taskId: taskIdOf('c3'), agent: 'GetEmailTask' }));
    s.report('c1', succeeded('found'));
    s.send(command('CompleteAgentTask', { activityId: 'a2', result: { email: 'x@y.z' } }));
    s.report('c3', succeeded('x@y.z'));
    s.llm('Thanks.', [call('c4', 'transfer_to_billing')]);
    s.report('c4', succeeded('ok', 'Billing'));
    s.playAll();

    const state = s.state();
    for (const activityId of Object.keys(state.activities)) {
      const own = s.log().filter((event: DecidedEvent) => event.aggregate.kind === 'activity' && event.aggregate.activityId === activityId);
      expect(own.reduce(evolveActivity, initialActivityState())).toEqual(state.activities[activityId]);
    }
  });
});
