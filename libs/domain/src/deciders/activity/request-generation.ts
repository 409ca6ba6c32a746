import { activityEvent } from '../decided-event.js';
import { emit, type Decision } from '../decision.js';
import { nextGenerationId } from '../ids.js';
import { toolsOffered } from '../queries/tools-offered.js';
import type { GenerationPurpose } from '../state/activity-state.js';

export interface GenerationOptions {
  readonly instructions?: string | null;
  readonly allowInterruptions?: boolean;
  readonly parentGenerationId?: string | null;
}

/** Asks the shell for an LLM generation of the activity, offering its tools (tool_choice auto). */
export function requestGeneration(decision: Decision, activityId: string, purpose: GenerationPurpose, options: GenerationOptions = {}): Decision {
  const activity = decision.state.activities[activityId];
  if (!activity) return decision;
  return emit(
    decision,
    activityEvent(activityId, 'GenerationRequested', {
      generationId: nextGenerationId(activity),
      purpose,
      toolChoice: 'auto',
      tools: [...toolsOffered(decision.state, activityId, decision.context)],
      instructions: options.instructions ?? null,
      allowInterruptions: options.allowInterruptions ?? true,
      parentGenerationId: options.parentGenerationId ?? null,
    }),
  );
}

/**
 * When every dispatched call of a generation has its output, the LLM answers them (one tool
 * reply). Calls cancelled before their first update ask for none; a closed activity asks for
 * nothing; a generation whose calls are still being decided is left to its own rule.
 */
export function maybeRequestToolReply(decision: Decision, activityId: string, generationId: string): Decision {
  const activity = decision.state.activities[activityId];
  const generation = activity?.generations[generationId];
  if (!activity || !generation || activity.status === 'closed' || activity.status === 'none') return decision;
  if (generation.status !== 'completed' || generation.toolReplyRequested) return decision;
  if (generation.calls.length === 0 || generation.pending.length > 0) return decision;
  if (generation.silent.length >= generation.calls.length) return decision;
  return requestGeneration(decision, activityId, 'tool_reply', {
    allowInterruptions: generation.allowInterruptions,
    parentGenerationId: generationId,
  });
}
