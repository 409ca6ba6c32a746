import { afterEach, describe, expect, it } from '@jest/globals';
import { auditLog, deliveriesIn, gate, lastAssistantText, outputsOf, repliesIn, type HarnessFactory, type ScenarioHarness } from './scenario-harness.js';

const calls = (...list: [callId: string, name: string, args: Record<string, unknown>][]) => ({
  toolCalls: list.map(([callId, name, args]) => ({ callId, name, arguments: args })),
});

/** SEMANTICS §11 scenarios 14–18: owners and lifetimes across agent tasks, handoffs and close; mocks. */
export function describeOwnershipScenarios(transport: string, harnessFor: HarnessFactory): void {
  describe(`scenarios 14–18 (${transport})`, () => {
    let h: ScenarioHarness;
    afterEach(async () => h?.close());

    /** Mocks every tool of `agent` as a long-running body; records aborts by call id. */
    function longRunning(agent: string, tools: string[]) {
      const release = gate<string>();
      const aborted: string[] = [];
      h.gateway.mockTools(
        agent,
        Object.fromEntries(
          tools.map((name) => [
            name,
            async (_args: unknown, ctx: { callId: string; signal: AbortSignal; update(message: string): Promise<void> }) => {
              ctx.signal.addEventListener('abort', () => aborted.push(ctx.callId));
              await ctx.update('working');
              return await Promise.race([release.promise, new Promise<string>((resolve) => ctx.signal.addEventListener('abort', () => resolve('aborted')))]);
            },
          ]),
        ),
      );
      return { release, aborted };
    }

    it('14: A\'s bare task runs while a regular tool of A awaits an agent task → A\'s _finished lands in A\'s chat, no reply until the task returned and A\'s tool reply played', async () => {
      h = await harnessFor([
        calls(['c1', 'search_flights', { city: 'Kyiv' }]),
        { text: 'Searching flights.' },
        calls(['c2', 'collect_email', {}]),
        { text: 'What is your email address?' },
        calls(['k1', 'complete_task', { email: 'ada@example.com' }]),
        { text: 'Thanks, I have your email.' },
        { text: 'By the way, the flights are found.' },
      ]);
      const { release } = longRunning('travel', ['search_flights']);
      const { sessionId } = await h.api.createSession({ agent: 'travel', playout: 'client' });
      const playAll = async () => {
        for (let state = await h.whenQuiet(sessionId); state.playing; state = await h.whenQuiet(sessionId)) {
          await h.api.reportPlayout(sessionId, { speechId: state.playing.speechId, status: 'played' });
        }
      };
      await h.api.submitTurn(sessionId, { text: 'flights to Kyiv?' });
      await playAll();
      await h.api.submitTurn(sessionId, { text: 'and send them by email' });
      await playAll();
      expect((await h.api.getSession(sessionId)).currentActivityId).toBe('a2');

      release.open('flights found');
      await h.whenQuiet(sessionId, { tasks: false });
      let session = await h.api.getSession(sessionId);
      expect(outputsOf(session, 'a1').map((o) => o.callId)).toContain('c1_finished');
      expect(repliesIn(await auditLog(h.api, sessionId))).toEqual([]);

      await h.api.submitTurn(sessionId, { text: 'ada@example.com' });
      await playAll();

      session = await h.api.getSession(sessionId);
      expect(session.activities.map((a) => [a.activityId, a.status])).toEqual([
        ['a1', 'resumed'],
        ['a2', 'closed'],
      ]);
      expect(outputsOf(session, 'a1').find((o) => o.callId === 'c2')?.output).toBe('The email is ada@example.com');
      const log = await auditLog(h.api, sessionId);
      const types = log.map((e) => e.type);
      expect(repliesIn(log)).toEqual([{ deliveryId: expect.any(String), activityId: 'a1', callIds: ['c1_finished'], spoken: ['By the way, the flights are found.'] }]);
      expect(types.indexOf('ReplyDeliveryStarted')).toBeGreaterThan(types.indexOf('AgentTaskReturned'));
      expect(lastAssistantText(session, 'a1')).toBe('By the way, the flights are found.');
    });

    it('15: handoff from A to B with a bare task and an agent-scoped toolset task running → both cancelled, no reply in A or B, the audit log shows why', async () => {
      h = await harnessFor([
        calls(['c1', 'search_flights', { city: 'Lima' }], ['c2', 'price_alert', { city: 'Lima' }]),
        { text: 'Working on both.' },
        calls(['c3', 'transfer_to_billing', {}]),
        { text: 'Billing here, how can I help?' },
      ]);
      const { release, aborted } = longRunning('desk', ['search_flights', 'price_alert']);
      const { sessionId } = await h.api.createSession({ agent: 'desk', playout: 'instant' });
      await h.api.submitTurn(sessionId, { text: 'flights and alerts for Lima' });
      await h.whenQuiet(sessionId);

      await h.api.submitTurn(sessionId, { text: 'I have a billing question' });
      await h.whenQuiet(sessionId, { tasks: true });
      release.open('too late');

      const session = await h.api.getSession(sessionId);
      expect(session.activities.map((a) => [a.agent, a.status])).toEqual([
        ['desk', 'closed'],
        ['billing', 'started'],
      ]);
      expect(aborted.sort()).toEqual(['c1', 'c2']);
      const log = await auditLog(h.api, sessionId);
      expect(deliveriesIn(log)).toEqual([]);
      const cancels = log.filter((e) => e.type === 'TaskCancelRequested').map((e) => e.data as { reason: string });
      expect(cancels.map((c) => c.reason)).toEqual(['handoff', 'handoff']);
      expect(lastAssistantText(session, 'a2')).toBe('Billing here, how can I help?');
    });

    it('16: a session-scoped toolset task started under A, handoff to B, the task finishes → B delivers it', async () => {
      h = await harnessFor([
        calls(['c1', 'book_hotel', { city: 'Porto' }]),
        { text: 'Booking Porto.' },
        calls(['c2', 'transfer_to_travel', {}]),
        { text: 'Travel desk here.' },
        { text: 'By the way, your Porto hotel is booked.' },
      ]);
      const { release } = longRunning('concierge', ['book_hotel']);
      const { sessionId } = await h.api.createSession({ agent: 'concierge', playout: 'instant' });
      await h.api.submitTurn(sessionId, { text: 'book Porto' });
      await h.whenQuiet(sessionId);
      await h.api.submitTurn(sessionId, { text: 'now flights please' });
      await h.whenQuiet(sessionId);

      release.open('Booked in Porto');
      await h.whenQuiet(sessionId, { tasks: true });

      const log = await auditLog(h.api, sessionId);
      expect(repliesIn(log)).toEqual([{ deliveryId: expect.any(String), activityId: 'a2', callIds: ['c1_finished'], spoken: ['By the way, your Porto hotel is booked.'] }]);
      const session = await h.api.getSession(sessionId);
      expect(outputsOf(session, 'a2').at(-1)).toEqual({ callId: 'c1_finished', output: 'Booked in Porto', isError: false });
      expect(lastAssistantText(session, 'a2')).toBe('By the way, your Porto hotel is booked.');
    });

    it('17: session closed with tasks of every scope running → all cancelled, no reply, nothing hangs', async () => {
      h = await harnessFor([
        calls(['c1', 'search_flights', { city: 'Quito' }], ['c2', 'price_alert', { city: 'Quito' }], ['c3', 'book_hotel', { city: 'Quito' }]),
        { text: 'On it.' },
      ]);
      const { aborted } = longRunning('desk', ['search_flights', 'price_alert', 'book_hotel']);
      const { sessionId } = await h.api.createSession({ agent: 'desk', playout: 'client' });
      await h.api.submitTurn(sessionId, { text: 'everything for Quito' });
      await h.whenQuiet(sessionId);
      const waiter = h.gateway.session(sessionId).waitForIdle();

      await h.api.closeSession(sessionId);
      await h.whenQuiet(sessionId, { tasks: true });

      await expect(waiter).rejects.toMatchObject({ code: 'ACTIVITY_CLOSED' });
      expect(aborted.sort()).toEqual(['c1', 'c2', 'c3']);
      const session = await h.api.getSession(sessionId);
      expect(session.status).toBe('closed');
      expect(session.tasks.map((t) => t.status)).toEqual(['cancelled', 'cancelled', 'cancelled']);
      expect(deliveriesIn(await auditLog(h.api, sessionId))).toEqual([]);
      await expect(h.api.submitTurn(sessionId, { text: 'hello?' })).rejects.toMatchObject({ code: 'SESSION_CLOSED' });
    });

    it('18: a mocked async tool that drives ctx.update and returns gives the same items and reply as the real tool', async () => {
      const script = () => [calls(['c1', 'track_parcel', { parcel: 'P-7' }]), { text: 'Looking it up.' }, { text: 'By the way, it arrives tomorrow.' }];
      const run = async (mock: boolean) => {
        h = await harnessFor(script());
        if (mock) {
          h.gateway.mockTools('travel', {
            track_parcel: async (args, ctx) => {
              await ctx.update(`looking up ${String(args['parcel'])}`);
              return `${String(args['parcel'])} arrives tomorrow`;
            },
          });
        }
        const { sessionId } = await h.api.createSession({ agent: 'travel', playout: 'instant' });
        await h.api.submitTurn(sessionId, { text: 'where is P-7?' });
        await h.whenQuiet(sessionId, { tasks: true });
        const result = { outputs: outputsOf(await h.api.getSession(sessionId)), deliveries: deliveriesIn(await auditLog(h.api, sessionId)).map((d) => d.callIds) };
        await h.close();
        return result;
      };

      const real = await run(false);
      const mocked = await run(true);

      expect(mocked).toEqual(real);
      expect(real.outputs.map((o) => o.callId)).toEqual(['c1', 'c1_finished']);
      expect(real.deliveries).toEqual([['c1_finished']]);
    });
  });
}
