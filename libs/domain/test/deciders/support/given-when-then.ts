import { expect } from '@jest/globals';
import { asideCatalogue } from '@aside/events';
import {
  decideSession,
  DomainError,
  evolveSession,
  initialSessionState,
  type DeciderContext,
  type DecidedEvent,
  type DomainErrorCode,
  type SessionCommand,
  type SessionState,
} from '../../../src/deciders/index.js';
import { fakeRegistry } from './fake-registry.js';

export const defaultContext: DeciderContext = { registry: fakeRegistry };

export function fold(events: readonly DecidedEvent[], state: SessionState = initialSessionState()): SessionState {
  return events.reduce(evolveSession, state);
}

/** Every decided event must be storable as is: the catalogue accepts it and parses it to the same data. */
export function expectStorable(events: readonly DecidedEvent[]): void {
  for (const event of events) {
    const validated = asideCatalogue.validate(event.type, undefined, event.data);
    expect({ type: event.type, data: validated.data }).toEqual({ type: event.type, data: event.data });
  }
}

export interface Then {
  /** The decided events, exactly. */
  then(expected: readonly DecidedEvent[]): void;
  /** The decided events, checked by a function (for long decisions); returns them. */
  thenEvents(check: (events: readonly DecidedEvent[], state: SessionState) => void): readonly DecidedEvent[];
  thenThrows(code: DomainErrorCode): void;
}

/**
 * Decider specifications: `given(past events).when(command).then(expected events)`. The past is
 * folded with `evolveSession`, exactly as the shell rebuilds a session from its log.
 */
export function given(...history: readonly (DecidedEvent | readonly DecidedEvent[])[]): { when(command: SessionCommand, context?: DeciderContext): Then } {
  const past = history.flat() as DecidedEvent[];
  return {
    when(command, context = defaultContext) {
      const decide = () => decideSession(command, fold(past), context);
      return {
        then(expected) {
          const events = decide();
          expectStorable(events);
          expect(events).toEqual(expected);
        },
        thenEvents(check) {
          const events = decide();
          expectStorable(events);
          check(events, fold(events, fold(past)));
          return events;
        },
        thenThrows(code) {
          let thrown: unknown;
          try {
            decide();
          } catch (error) {
            thrown = error;
          }
          expect(thrown).toBeInstanceOf(DomainError);
          expect((thrown as DomainError).code).toBe(code);
        },
      };
    },
  };
}
