import { describe, expect, it } from '@jest/globals';
import { defaultTemplates, renderReplyInstructions, renderUpdate } from '../../src/templates/templates.js';
import { runningTasks } from '../../src/deciders/index.js';
import { call, progress, started, succeeded } from './support/commands.js';
import { ofType, outputsOf, scenario } from './support/scenario.js';

const updateText = (message: string, tool = 'search') => renderUpdate(defaultTemplates, tool, message);

/** A user turn whose LLM answer calls `search` as c1, the call dispatched and started. */
function searching(playout: 'client' | 'instant' = 'client') {
  const s = scenario('Plain', playout);
  s.userSays('find me a flight');
  s.llm('', [call('c1', 'search', { query: 'flights' })]);
  s.report('c1', started());
  return s;
}

describe('SEMANTICS §11 scenarios 1–5: sync tools and deferred replies', () => {
  it('scenario 1: a bare tool returns "ok" without updating → one pair, a normal tool reply, no task left, no management tools', () => {
    const s = searching();
    const events = s.report('c1', succeeded('ok'));

    expect(s.chat().filter((item) => item.type !== 'message')).toEqual([
      { type: 'function_call', callId: 'c1', name: 'search', arguments: '{"query":"flights"}' },
      { type: 'function_call_output', callId: 'c1', name: 'search', output: 'ok', isError: false },
    ]);
    const [toolReply] = ofType(events, 'GenerationRequested');
    expect(toolReply?.data).toMatchObject({ purpose: 'tool_reply', toolChoice: 'auto', parentGenerationId: 'a1-g1' });
    expect(toolReply?.data.tools).not.toContain('get_running_tasks');
    expect(toolReply?.data.tools).not.toContain('cancel_task');
    expect(runningTasks(s.state())).toEqual([]);
    expect(ofType(s.log(), 'ReplyDeliveryStarted')).toEqual([]);
  });

  it('scenario 2: update "searching" then "42" while idle → original output is the update template, then one deferred reply for [c1_finished]', () => {
    const s = searching();
    const first = s.report('c1', progress('searching'));
    expect(outputsOf(s.chat())).toEqual([{ callId: 'c1', output: updateText('searching'), isError: false }]);
    expect(ofType(first, 'GenerationRequested')[0]?.data.purpose).toBe('tool_reply');

    s.llm('Sure, searching now.');
    s.playAll();
    const result = s.report('c1', succeeded('42'));

    expect(outputsOf(s.chat())).toEqual([
      { callId: 'c1', output: updateText('searching'), isError: false },
      { callId: 'c1_finished', output: '42', isError: false },
    ]);
    const deliveries = ofType(result, 'ReplyDeliveryStarted');
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]?.data).toMatchObject({
      callIds: ['c1_finished'],
      toolChoice: 'none',
      instructions: renderReplyInstructions(defaultTemplates, ['c1_finished']),
      activityId: 'a1',
    });
  });

  it('scenario 3: the agent is still speaking its acknowledgement when the result arrives → the reply waits until that speech played', () => {
    const s = searching();
    s.report('c1', progress('searching'));
    s.llm('Sure, searching now.');
    const speechId = s.state().playing?.speechId;
    expect(speechId).toBeDefined();

    const result = s.report('c1', succeeded('42'));
    expect(ofType(result, 'ReplyDeliveryStarted')).toEqual([]);
    expect(s.state().activities['a1']?.batches.map((batch) => batch.entries.map((entry) => entry.callId))).toEqual([['c1_finished']]);

    const afterPlayout = s.playAll();
    expect(ofType(afterPlayout, 'ReplyDeliveryStarted').map((event) => event.data.callIds)).toEqual([['c1_finished']]);
  });

  it('scenario 4: three updates and a result while the agent is busy → exactly one reply listing _update_1, _update_2, _finished in order', () => {
    const s = searching();
    s.report('c1', progress('one'));
    s.llm('Sure, searching now.');
    s.report('c1', progress('two'));
    s.report('c1', progress('three'));
    s.report('c1', succeeded('done'));
    expect(ofType(s.log(), 'ReplyDeliveryStarted')).toEqual([]);

    s.playAll();
    const deliveries = ofType(s.log(), 'ReplyDeliveryStarted');
    expect(deliveries.map((event) => event.data.callIds)).toEqual([['c1_update_1', 'c1_update_2', 'c1_finished']]);
  });

  it('scenario 5: a reply was delivered for _update_1; _update_2 arrives later → a second, separate reply', () => {
    const s = searching();
    s.report('c1', progress('one'));
    s.llm('Sure.');
    s.playAll();
    s.report('c1', progress('two'));
    s.reply('By the way, step two.');
    s.playAll();
    s.report('c1', progress('three'));

    const deliveries = ofType(s.log(), 'ReplyDeliveryStarted');
    expect(deliveries.map((event) => event.data.callIds)).toEqual([['c1_update_1'], ['c1_update_2']]);
    expect(new Set(deliveries.map((event) => event.data.deliveryId)).size).toBe(2);
  });
});
