import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { asideCatalogue } from '@aside/events';
import { evolveActivity, evolveSession, foldSession, initialActivityState, initialSessionState, type DecidedEvent } from '../../src/deciders/index.js';
import { conversationArbitrary, runConversation } from './support/random-conversation.js';

describe('property (b): replaying any produced event sequence reproduces the same state', () => {
  it('the log, read back as JSON, folds to a JSON-equal state; every event is storable as decided; every activity stream folds alone to its activity', () => {
    fc.assert(
      fc.property(conversationArbitrary, (actions) => {
        const run = runConversation(actions);
        const readBack = JSON.parse(JSON.stringify(run.log)) as DecidedEvent[];
        const replayed = readBack.reduce(evolveSession, initialSessionState());
        expect(JSON.stringify(replayed)).toBe(JSON.stringify(run.state));
        expect(JSON.parse(JSON.stringify(run.state))).toEqual(run.state);

        for (const event of run.log) {
          expect(asideCatalogue.validate(event.type, undefined, event.data).data).toEqual(event.data);
        }
        for (const [activityId, activity] of Object.entries(run.state.activities)) {
          const own = run.log.filter((event) => event.aggregate.kind === 'activity' && event.aggregate.activityId === activityId);
          expect(own.reduce(evolveActivity, initialActivityState())).toEqual(activity);
        }
      }),
      { numRuns: 1000 },
    );
  });
  it('folding many events at once gives the state folding them one by one does, key order included, and leaves the state it started from as it was', () => {
    fc.assert(
      fc.property(conversationArbitrary, fc.double({ min: 0, max: 1, noNaN: true }), (actions, cut) => {
        const run = runConversation(actions);
        const split = Math.floor(cut * run.log.length);
        const before = run.log.slice(0, split).reduce(evolveSession, initialSessionState());
        const beforeAsJson = JSON.stringify(before);
        deepFreeze(before); // strict mode: writing into it would throw

        const folded = foldSession(before, run.log.slice(split));

        expect(JSON.stringify(folded)).toBe(JSON.stringify(run.state));
        expect(JSON.stringify(before)).toBe(beforeAsJson);
        expect(JSON.stringify(foldSession(initialSessionState(), run.log))).toBe(JSON.stringify(run.state));
      }),
      { numRuns: 500 },
    );
  });
});

function deepFreeze(value: unknown): void {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const child of Object.values(value)) deepFreeze(child);
}
