import { afterEach, describe, expect, it } from '@jest/globals';
import { defaultTemplates, renderUpdate } from '@aside/domain';
import { auditLog, deliveriesIn, gate, lastAssistantText, outputsOf, repliesIn, type HarnessFactory, type ScenarioHarness } from './scenario-harness.js';

const updateText = (message: string, tool = 'search_flights') => renderUpdate(defaultTemplates, tool, message);
const call = (callId: string, name: string, args: Record<string, unknown> = {}) => ({ toolCalls: [{ callId, name, arguments: args }] });

/** SEMANTICS §11 scenarios 1–6: sync tools, async tools and when their deferred replies fire. */
export function describeDeferredReplyScenarios(transport: string, harnessFor: HarnessFactory): void {
  describe(`scenarios 1–6 (${transport})`, () => {
    let h: ScenarioHarness;
    afterEach(async () => h?.close());

    it('1: a bare tool returns without updating → one call/output pair, a normal tool reply, no task left, no management tools', async () => {
      h = await harnessFor([call('c1', 'weather', { city: 'Lisbon' }), { text: 'It is sunny in Lisbon.' }]);
      const { sessionId } = await h.api.createSession({ agent: 'travel', playout: 'instant' });

      await h.api.submitTurn(sessionId, { text: 'weather in Lisbon?' });
      await h.whenQuiet(sessionId, { tasks: true });

      const session = await h.api.getSession(sessionId);
      expect(outputsOf(session)).toEqual([{ callId: 'c1', output: 'Sunny in Lisbon', isError: false }]);
      expect(lastAssistantText(session)).toBe('It is sunny in Lisbon.');
      expect(session.tasks.map((task) => task.status)).toEqual(['succeeded']);
      for (const request of h.llm.requests) expect(request.tools?.map((t) => t.name)).not.toContain('cancel_task');
      expect(deliveriesIn(await auditLog(h.api, sessionId))).toEqual([]);
    });

    it('2: update then result while idle → the update template is the original output; one deferred reply lists [c1_finished] with tool_choice none', async () => {
      const release = gate();
      h = await harnessFor([call('c1', 'search_flights', { city: 'Lisbon' }), { text: 'Sure, searching now.' }, { text: 'By the way, I found 42 flights.' }]);
      h.gateway.mockTools('travel', {
        search_flights: async (_args, ctx) => {
          await ctx.update('searching');
          await release.promise;
          return '42';
        },
      });
      const { sessionId } = await h.api.createSession({ agent: 'travel', playout: 'instant' });

      await h.api.submitTurn(sessionId, { text: 'flights to Lisbon?' });
      await h.whenQuiet(sessionId);
      expect(outputsOf(await h.api.getSession(sessionId))).toEqual([{ callId: 'c1', output: updateText('searching'), isError: false }]);
      release.open();
      await h.whenQuiet(sessionId, { tasks: true });

      const session = await h.api.getSession(sessionId);
      expect(outputsOf(session).at(-1)).toEqual({ callId: 'c1_finished', output: '42', isError: false });
      expect(deliveriesIn(await auditLog(h.api, sessionId)).map((d) => d.callIds)).toEqual([['c1_finished']]);
      expect(h.llm.requests[2]).toMatchObject({ toolChoice: 'none' });
      expect(h.llm.requests[2]?.instructions).toContain('[c1_finished]');
      expect(lastAssistantText(session)).toBe('By the way, I found 42 flights.');
      const types = (await auditLog(h.api, sessionId)).map((e) => e.type);
      expect(types.lastIndexOf('ReplyGenerated')).toBeLessThan(types.lastIndexOf('SpeechQueued'));
    });

    it('3: the agent is still speaking its acknowledgement when the result arrives → the reply waits until that speech finished playing', async () => {
      const release = gate();
      h = await harnessFor([call('c1', 'search_flights', { city: 'Lisbon' }), { text: 'Sure, searching now.' }, { text: 'By the way, 42 flights.' }]);
      h.gateway.mockTools('travel', {
        search_flights: async (_args, ctx) => {
          await ctx.update('searching');
          await release.promise;
          return '42';
        },
      });
      const { sessionId } = await h.api.createSession({ agent: 'travel', playout: 'client' });
      await h.api.submitTurn(sessionId, { text: 'flights to Lisbon?' });
      const speech = (await h.whenQuiet(sessionId)).playing!.speechId;

      release.open();
      await h.whenQuiet(sessionId, { tasks: true });
      expect(repliesIn(await auditLog(h.api, sessionId))).toEqual([]);

      await h.api.reportPlayout(sessionId, { speechId: speech, status: 'played' });
      await h.whenQuiet(sessionId);
      expect(repliesIn(await auditLog(h.api, sessionId))).toEqual([
        { deliveryId: expect.any(String), activityId: 'a1', callIds: ['c1_finished'], spoken: ['By the way, 42 flights.'] },
      ]);
    });

    it('4: three updates and a result while the agent is busy → exactly one deferred reply listing _update_1, _update_2, _finished in order', async () => {
      const release = gate();
      h = await harnessFor([call('c1', 'search_flights', { city: 'Paris' }), { text: 'Searching.' }, { text: 'By the way, all done.' }]);
      h.gateway.mockTools('travel', {
        search_flights: async (_args, ctx) => {
          await ctx.update('one');
          await release.promise;
          await ctx.update('two');
          await ctx.update('three');
          return 'done';
        },
      });
      const { sessionId } = await h.api.createSession({ agent: 'travel', playout: 'client' });
      await h.api.submitTurn(sessionId, { text: 'flights to Paris?' });
      const speech = (await h.whenQuiet(sessionId)).playing!.speechId;
      release.open();
      await h.whenQuiet(sessionId, { tasks: true });

      await h.api.reportPlayout(sessionId, { speechId: speech, status: 'played' });
      await h.whenQuiet(sessionId);

      expect(repliesIn(await auditLog(h.api, sessionId))).toEqual([
        { deliveryId: expect.any(String), activityId: 'a1', callIds: ['c1_update_1', 'c1_update_2', 'c1_finished'], spoken: ['By the way, all done.'] },
      ]);
      expect(h.llm.requests).toHaveLength(3);
    });

    it('5: a reply already delivered for _update_1; _update_2 arrives later → a second, separate reply', async () => {
      const first = gate();
      const second = gate();
      h = await harnessFor([call('c1', 'search_flights', { city: 'Rome' }), { text: 'Searching.' }, { text: 'Halfway there.' }, { text: 'Almost done.' }]);
      h.gateway.mockTools('travel', {
        search_flights: async (_args, ctx) => {
          await ctx.update('searching');
          await first.promise;
          await ctx.update('halfway');
          await second.promise;
          await ctx.update('almost');
          return undefined;
        },
      });
      const { sessionId } = await h.api.createSession({ agent: 'travel', playout: 'instant' });
      await h.api.submitTurn(sessionId, { text: 'flights to Rome?' });
      await h.whenQuiet(sessionId);

      first.open();
      await h.whenQuiet(sessionId);
      second.open();
      await h.whenQuiet(sessionId, { tasks: true });

      expect(deliveriesIn(await auditLog(h.api, sessionId)).map((d) => d.callIds)).toEqual([['c1_update_1'], ['c1_update_2']]);
      expect(outputsOf(await h.api.getSession(sessionId)).map((o) => o.callId)).not.toContain('c1_finished');
    });

    it('6: while a bare task is live the tool list holds get_running_tasks and cancel_task; after it finishes it does not', async () => {
      const release = gate();
      h = await harnessFor([
        call('c1', 'search_flights', { city: 'Oslo' }),
        { text: 'Searching.' },
        { text: 'Still searching.' },
        { text: 'By the way, found them.' },
        { text: 'Anything else?' },
      ]);
      h.gateway.mockTools('travel', {
        search_flights: async (_args, ctx) => {
          await ctx.update('searching');
          await release.promise;
          return 'found';
        },
      });
      const { sessionId } = await h.api.createSession({ agent: 'travel', playout: 'instant' });
      await h.api.submitTurn(sessionId, { text: 'flights to Oslo?' });
      await h.whenQuiet(sessionId);
      await h.api.submitTurn(sessionId, { text: 'how is it going?' });
      await h.whenQuiet(sessionId);
      release.open();
      await h.whenQuiet(sessionId, { tasks: true });
      await h.api.submitTurn(sessionId, { text: 'thanks' });
      await h.whenQuiet(sessionId);

      const offered = h.llm.requests.map((request) => (request.tools ?? []).map((t) => t.name));
      expect(offered[2]).toEqual(expect.arrayContaining(['get_running_tasks', 'cancel_task']));
      expect(offered[4]).not.toContain('get_running_tasks');
      expect(offered[4]).not.toContain('cancel_task');
    });
  });
}
