import { afterEach, describe, expect, it } from '@jest/globals';
import { auditLog, deliveriesIn, gate, outputsOf, type HarnessFactory, type ScenarioHarness } from './scenario-harness.js';

const calls = (...list: [callId: string, name: string, args: Record<string, unknown> | string][]) => ({
  toolCalls: list.map(([callId, name, args]) => ({ callId, name, arguments: args })),
});

/** SEMANTICS §11 scenarios 7–13: duplicates, management tools, argument errors, tool errors. */
export function describeDuplicateAndErrorScenarios(transport: string, harnessFor: HarnessFactory): void {
  describe(`scenarios 7–13 (${transport})`, () => {
    let h: ScenarioHarness;
    afterEach(async () => h?.close());

    /** A long-running mock: updates once, then waits for the returned gate (or its abort). */
    function longRunning(agent: string, toolName: string) {
      const release = gate<string>();
      const runs: Record<string, unknown>[] = [];
      const aborted: string[] = [];
      h.gateway.mockTools(agent, {
        [toolName]: async (args, ctx) => {
          runs.push(args);
          ctx.signal.addEventListener('abort', () => aborted.push(ctx.callId));
          await ctx.update('working');
          return await Promise.race([release.promise, new Promise<string>((resolve) => ctx.signal.addEventListener('abort', () => resolve('aborted')))]);
        },
      });
      return { release, runs, aborted };
    }

    it('7: a bare tool called again by name while the first runs → the reject text names the first call; only one body runs', async () => {
      h = await harnessFor([calls(['c1', 'search_flights', { city: 'Lisbon' }]), { text: 'Searching.' }, calls(['c2', 'search_flights', { city: 'Porto' }]), { text: 'Still on it.' }]);
      const { runs } = longRunning('travel', 'search_flights');
      const { sessionId } = await h.api.createSession({ agent: 'travel', playout: 'instant' });
      await h.api.submitTurn(sessionId, { text: 'flights to Lisbon?' });
      await h.whenQuiet(sessionId);

      await h.api.submitTurn(sessionId, { text: 'and to Porto?' });
      await h.whenQuiet(sessionId);

      const rejected = outputsOf(await h.api.getSession(sessionId)).find((o) => o.callId === 'c2');
      expect(rejected?.isError).toBe(false);
      expect(rejected?.output).toContain('already running');
      expect(rejected?.output).toContain('c1');
      expect(rejected?.output).toContain('cancel_task');
      expect(runs).toHaveLength(1);
    });

    it('8: toolset confirm → the schema has confirm_duplicate; a duplicate without it gets the confirm text; with it a second body runs without the flag', async () => {
      h = await harnessFor([
        calls(['c1', 'book_hotel', { city: 'Porto' }]),
        { text: 'Booking Porto.' },
        calls(['c2', 'book_hotel', { city: 'Faro' }]),
        { text: 'Porto is still being booked; book Faro too?' },
        calls(['c3', 'book_hotel', { city: 'Faro', confirm_duplicate: true }]),
        { text: 'Booking Faro as well.' },
      ]);
      const { runs } = longRunning('concierge', 'book_hotel');
      const { sessionId } = await h.api.createSession({ agent: 'concierge', playout: 'instant' });
      await h.api.submitTurn(sessionId, { text: 'book Porto' });
      await h.whenQuiet(sessionId);
      await h.api.submitTurn(sessionId, { text: 'and Faro' });
      await h.whenQuiet(sessionId);
      expect(outputsOf(await h.api.getSession(sessionId)).find((o) => o.callId === 'c2')?.output).toContain('confirm_duplicate');
      expect(runs).toHaveLength(1);

      await h.api.submitTurn(sessionId, { text: 'yes, both' });
      await h.whenQuiet(sessionId);

      expect(runs).toEqual([{ city: 'Porto' }, { city: 'Faro' }]);
      const schema = h.llm.requests[0]?.tools?.find((t) => t.name === 'book_hotel')?.parameters as { properties: Record<string, unknown> };
      expect(schema.properties).toHaveProperty('confirm_duplicate');
    });

    it('9: replace → the running task is cancelled (its signal aborts, no _finished item) and the new one runs', async () => {
      h = await harnessFor([calls(['c1', 'watch_prices', { city: 'Oslo' }]), { text: 'Watching Oslo.' }, calls(['c2', 'watch_prices', { city: 'Bergen' }]), { text: 'Watching Bergen instead.' }]);
      const { runs, aborted } = longRunning('travel', 'watch_prices');
      const { sessionId } = await h.api.createSession({ agent: 'travel', playout: 'instant' });
      await h.api.submitTurn(sessionId, { text: 'watch Oslo' });
      await h.whenQuiet(sessionId);

      await h.api.submitTurn(sessionId, { text: 'no, Bergen' });
      await h.whenQuiet(sessionId);

      expect(runs).toEqual([{ city: 'Oslo' }, { city: 'Bergen' }]);
      expect(aborted).toEqual(['c1']);
      const session = await h.api.getSession(sessionId);
      expect(outputsOf(session).map((o) => o.callId)).not.toContain('c1_finished');
      expect(session.tasks.map((t) => [t.callId, t.status])).toEqual([
        ['c1', 'cancelled'],
        ['c2', 'running'],
      ]);
    });

    it('10: cancel_task twice on a live task → "cancelled successfully", then "not found or already completed"', async () => {
      h = await harnessFor([
        calls(['c1', 'search_flights', { city: 'Nice' }]),
        { text: 'Searching.' },
        calls(['k1', 'cancel_task', { call_id: 'c1' }], ['k2', 'cancel_task', { call_id: 'c1' }]),
        { text: 'Cancelled.' },
      ]);
      const { aborted } = longRunning('travel', 'search_flights');
      const { sessionId } = await h.api.createSession({ agent: 'travel', playout: 'instant' });
      await h.api.submitTurn(sessionId, { text: 'flights to Nice?' });
      await h.whenQuiet(sessionId);

      await h.api.submitTurn(sessionId, { text: 'stop that' });
      await h.whenQuiet(sessionId, { tasks: true });

      const out = outputsOf(await h.api.getSession(sessionId));
      expect(out.find((o) => o.callId === 'k1')?.output).toBe('Task c1 cancelled successfully.');
      expect(out.find((o) => o.callId === 'k2')?.output).toBe('Task c1 not found or already completed.');
      expect(aborted).toEqual(['c1']);
    });

    it('11: invalid JSON, a missing required parameter and a wrong type each get the parse-error output naming the parameter; no body runs', async () => {
      h = await harnessFor([
        calls(['c1', 'weather', '{"city": '], ['c2', 'track_parcel', { days: 2 }], ['c3', 'search_flights', { city: 42 }]),
        { text: 'Sorry, let me try again.' },
      ]);
      const runs: string[] = [];
      h.gateway.mockTools('travel', {
        weather: () => runs.push('weather'),
        track_parcel: () => runs.push('track_parcel'),
        search_flights: () => runs.push('search_flights'),
      });
      const { sessionId } = await h.api.createSession({ agent: 'travel', playout: 'instant' });

      await h.api.submitTurn(sessionId, { text: 'do three things' });
      await h.whenQuiet(sessionId, { tasks: true });

      const out = outputsOf(await h.api.getSession(sessionId));
      expect(out.map((o) => o.isError)).toEqual([true, true, true]);
      expect(out[0]?.output).toMatch(/^Error parsing arguments for `weather`:.*JSON/i);
      expect(out[1]?.output).toMatch(/^Error parsing arguments for `track_parcel`:.*parcel/);
      expect(out[2]?.output).toMatch(/^Error parsing arguments for `search_flights`:.*city/);
      expect(runs).toEqual([]);
    });

    it('12: a body throws ToolError("nope") after an update → _finished output "nope", isError, and a deferred reply', async () => {
      const { ToolError } = await import('@aside/domain');
      h = await harnessFor([calls(['c1', 'search_flights', { city: 'Bern' }]), { text: 'Searching.' }, { text: 'Sorry, the search said no.' }]);
      h.gateway.mockTools('travel', {
        search_flights: async (_args, ctx) => {
          await ctx.update('searching');
          throw new ToolError('nope');
        },
      });
      const { sessionId } = await h.api.createSession({ agent: 'travel', playout: 'instant' });

      await h.api.submitTurn(sessionId, { text: 'flights to Bern?' });
      await h.whenQuiet(sessionId, { tasks: true });

      expect(outputsOf(await h.api.getSession(sessionId)).at(-1)).toEqual({ callId: 'c1_finished', output: 'nope', isError: true });
      expect(deliveriesIn(await auditLog(h.api, sessionId)).map((d) => d.callIds)).toEqual([['c1_finished']]);
    });

    it('13: a plain Error after an update → _finished is "An internal error occurred"; the message is in the audit log, not the chat', async () => {
      h = await harnessFor([calls(['c1', 'search_flights', { city: 'Oslo' }]), { text: 'Searching.' }, { text: 'Sorry, the search broke.' }]);
      h.gateway.mockTools('travel', {
        search_flights: async (_args, ctx) => {
          await ctx.update('searching');
          throw new Error('database password rejected');
        },
      });
      const { sessionId } = await h.api.createSession({ agent: 'travel', playout: 'instant' });

      await h.api.submitTurn(sessionId, { text: 'flights to Oslo?' });
      await h.whenQuiet(sessionId, { tasks: true });

      const session = await h.api.getSession(sessionId);
      expect(outputsOf(session).at(-1)).toEqual({ callId: 'c1_finished', output: 'An internal error occurred', isError: true });
      expect(JSON.stringify(session.activities)).not.toContain('password');
      expect(JSON.stringify((await auditLog(h.api, sessionId)).filter((e) => e.type === 'TaskFailed'))).toContain('database password rejected');
    });
  });
}
