import type { AgentDefinition } from './agent.js';

const HANDOFF_BRAND = Symbol.for('aside.Handoff');

/** Returned by a tool body to close the current agent and start another (SEMANTICS.md §2). */
export interface Handoff {
  readonly [HANDOFF_BRAND]: true;
  /** Name of the agent to start; resolved against the registry. */
  readonly agent: string;
}

export function handoff(target: string | AgentDefinition): Handoff {
  const agent = typeof target === 'string' ? target : target?.name;
  if (typeof agent !== 'string' || agent.length === 0) {
    throw new Error('handoff() needs an agent definition or a non-empty agent name');
  }
  return Object.freeze({ [HANDOFF_BRAND]: true as const, agent });
}

/** Answered by brand, so a handoff made with another copy of this package is still recognised. */
export function isHandoff(value: unknown): value is Handoff {
  return typeof value === 'object' && value !== null && (value as { [HANDOFF_BRAND]?: unknown })[HANDOFF_BRAND] === true;
}
