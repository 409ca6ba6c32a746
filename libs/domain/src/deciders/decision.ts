import type { DeciderContext } from './context.js';
import type { CommandMetadata } from './commands.js';
import type { DecidedEvent } from './decided-event.js';
import { evolveSession } from './state/evolve-session.js';
import type { SessionState } from './state/session-state.js';

/**
 * A decision in progress: the events decided so far and the state they fold to. Every rule
 * reads `state` as it is *after* what was already decided, so several facts decided together
 * (two tool calls of one generation, "the last speech finished" and "deliver the batch") see
 * each other. Pure: folding is `evolveSession`, the same function replay uses.
 */
export interface Decision {
  readonly state: SessionState;
  readonly events: readonly DecidedEvent[];
  readonly context: DeciderContext;
  readonly metadata: CommandMetadata;
}

export function emit(decision: Decision, ...events: readonly DecidedEvent[]): Decision {
  let state = decision.state;
  for (const event of events) state = evolveSession(state, event);
  return { ...decision, state, events: [...decision.events, ...events] };
}

/** Threads a decision through a list, one step per item. */
export function forEach<Item>(decision: Decision, items: readonly Item[], step: (decision: Decision, item: Item) => Decision): Decision {
  return items.reduce(step, decision);
}
