import type { AsideEventData } from '@aside/events';
import { activityEvent } from '../../decided-event.js';
import { emit, type Decision } from '../../decision.js';

/** One tool call of a generation being decided, with the call id the session uses. */
export interface ToolCallInProgress {
  readonly activityId: string;
  readonly generationId: string;
  readonly callId: string;
  readonly name: string;
  readonly rawArguments: string;
}

export type Answer = AsideEventData<'ToolCallAnswered'>['answer'];

/** A call answered at once, without a task: its output item plus the audit record of why. */
export function answerCall(
  decision: Decision,
  call: ToolCallInProgress,
  answer: Answer,
  output: { readonly text: string; readonly isError: boolean },
  relatedCallIds: readonly string[] = [],
): Decision {
  return emit(
    decision,
    activityEvent(call.activityId, 'ChatItemAdded', {
      item: { type: 'function_call_output', callId: call.callId, name: call.name, output: output.text, isError: output.isError },
    }),
    activityEvent(call.activityId, 'ToolCallAnswered', {
      generationId: call.generationId,
      callId: call.callId,
      toolName: call.name,
      answer,
      relatedCallIds: [...relatedCallIds],
    }),
  );
}
