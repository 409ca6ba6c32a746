import type { DeciderContext } from '../context.js';
import { MANAGEMENT_TOOL_NAMES } from '../management-tools.js';
import type { SessionState } from '../state/session-state.js';
import { isTerminal } from '../state/task-state.js';
import { ownerTasks } from './ownership.js';

/**
 * SEMANTICS §5: a toolset always offers the management tools; an activity offers them only
 * while one of its own bare tools has gone async and is still live — unless the session keeps
 * them always (a stable schema for prompt caches).
 */
export function managementToolsVisible(state: SessionState, activityId: string, context: DeciderContext): boolean {
  if (state.managementTools === 'always') return true;
  const activity = state.activities[activityId];
  if (!activity) return false;
  const agent = context.registry.agent(activity.agent);
  if (agent?.tools.some((tool) => tool.toolsetId !== null)) return true;
  return ownerTasks(state, `activity/${activityId}`).some((task) => !isTerminal(task) && task.updates > 0);
}

/** The tool names a generation of this activity offers, management tools once at most. */
export function toolsOffered(state: SessionState, activityId: string, context: DeciderContext): readonly string[] {
  const activity = state.activities[activityId];
  const own = (activity && context.registry.agent(activity.agent)?.tools.map((tool) => tool.name)) ?? [];
  if (!managementToolsVisible(state, activityId, context)) return own.filter((name) => !MANAGEMENT_TOOL_NAMES.includes(name));
  return [...own.filter((name) => !MANAGEMENT_TOOL_NAMES.includes(name)), ...MANAGEMENT_TOOL_NAMES];
}
