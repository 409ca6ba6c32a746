import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { decideSession, evolveSession, type SessionCommand } from '../../src/deciders/index.js';
import { defaultContext } from '../deciders/support/given-when-then.js';
import { conversationArbitrary, runConversation } from './support/random-conversation.js';

describe('property (c): stale or repeated reports never change state beyond a ReportDiscarded', () => {
  it('a repeated, superseded or after-terminal report decides exactly one ReportDiscarded and leaves the state as it was', () => {
    fc.assert(
      fc.property(conversationArbitrary, (actions) => {
        const run = runConversation(actions);
        for (const decision of run.decisions) {
          const discarded = decision.events[0]?.type === 'ReportDiscarded';
          if (decision.stale) expect(discarded).toBe(true);
          if (!discarded) continue;
          expect(decision.events.map((event) => event.type)).toEqual(['ReportDiscarded']);
          expect(JSON.stringify(decision.after)).toBe(JSON.stringify(decision.before));
        }

        // Every report folded along the way, sent again at the end: each is stale now.
        const folded = run.decisions.map((decision) => decision.command).filter((command): command is Extract<SessionCommand, { type: 'FoldReport' }> => command.type === 'FoldReport');
        for (const command of folded) {
          const events = decideSession(command, run.state, defaultContext);
          expect(events.map((event) => event.type)).toEqual(['ReportDiscarded']);
          expect(JSON.stringify(events.reduce(evolveSession, run.state))).toBe(JSON.stringify(run.state));
        }
      }),
      { numRuns: 1000 },
    );
  });
});
