import type { ActivityState, GenerationState, SpeechState } from '../state/activity-state.js';
import type { SessionState } from '../state/session-state.js';

export function locateGeneration(
  state: SessionState,
  generationId: string,
): { readonly activity: ActivityState; readonly generation: GenerationState } | undefined {
  for (const activity of Object.values(state.activities)) {
    const generation = activity.generations[generationId];
    if (generation) return { activity, generation };
  }
  return undefined;
}

export function locateSpeech(state: SessionState, speechId: string): { readonly activity: ActivityState; readonly speech: SpeechState } | undefined {
  for (const activity of Object.values(state.activities)) {
    const speech = activity.speeches[speechId];
    if (speech) return { activity, speech };
  }
  return undefined;
}
