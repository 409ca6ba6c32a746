import { recordedArguments } from '../../../arguments/recorded-arguments.js';
import { activityEvent } from '../../decided-event.js';
import { emit, type Decision } from '../../decision.js';
import { isManagementTool } from '../../management-tools.js';
import { unknownToolText } from '../../texts.js';
import { answerCall, type ToolCallInProgress } from './call.js';
import { applyDuplicatePolicy } from './duplicate-policy.js';
import { answerManagementTool } from './management-calls.js';

/**
 * One tool call: the call item is recorded first (every call is a pair, SEMANTICS §3; an
 * oversized arguments text only by its beginning, as it is refused anyway), then the
 * management tools are answered by the session itself, unknown tools get an error output, and
 * everything else goes through the tool's duplicate policy and argument validation.
 */
export function processToolCall(decision: Decision, call: ToolCallInProgress): Decision {
  const recorded = emit(
    decision,
    activityEvent(call.activityId, 'ChatItemAdded', {
      item: { type: 'function_call', callId: call.callId, name: call.name, arguments: recordedArguments(call.rawArguments) },
    }),
  );
  if (isManagementTool(call.name)) return answerManagementTool(recorded, call);
  const agentName = recorded.state.activities[call.activityId]?.agent ?? '';
  const tool = recorded.context.registry.agent(agentName)?.tools.find((candidate) => candidate.name === call.name);
  if (!tool) return answerCall(recorded, call, 'unknown_tool', { text: unknownToolText(call.name), isError: true });
  return applyDuplicatePolicy(recorded, call, tool);
}
