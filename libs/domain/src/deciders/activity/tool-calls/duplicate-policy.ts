import { listedArguments } from '../../../arguments/recorded-arguments.js';
import { FAILED_TO_CANCEL_DUPLICATES_PREFIX, attachedText } from '../../../templates/fixed-texts.js';
import { renderDuplicateConfirm, renderDuplicateReject, type RunningCall } from '../../../templates/templates.js';
import type { ParsedArguments, ToolDescriptor } from '../../../tools/descriptors.js';
import { forEach, type Decision } from '../../decision.js';
import { ownerKeyOf, ownerTasks } from '../../queries/ownership.js';
import { notCancellableReason } from '../../queries/tasks.js';
import { isTerminal, type TaskState } from '../../state/task-state.js';
import { cancelTask } from '../../tasks/cancel-task.js';
import { templatesFor } from '../../templates-for.js';
import { replaceFailedDetail } from '../../texts.js';
import { unreachable } from '../../unreachable.js';
import { answerCall, type ToolCallInProgress } from './call.js';
import { dispatchCall } from './dispatch.js';

/**
 * SEMANTICS §4. A duplicate is a call to a tool of the same name while a task of that name runs
 * under the same owner (with `name_and_args`, only one whose canonical parsed arguments are
 * equal; arguments that do not parse are never a duplicate). `allow`, `reject`, `confirm` and
 * `attach` decide before argument validation; `replace` validates first, so an invalid call
 * never cancels a healthy task, and cancels nothing unless it can cancel everything.
 */
export function applyDuplicatePolicy(decision: Decision, call: ToolCallInProgress, tool: ToolDescriptor): Decision {
  const { registry } = decision.context;
  const agentName = decision.state.activities[call.activityId]?.agent ?? '';
  const ownerKey = ownerKeyOf(tool, call.activityId);
  let parsed: ParsedArguments | null = null;
  const parse = (): ParsedArguments => (parsed ??= registry.parseArguments(agentName, tool.name, call.rawArguments));

  let running = ownerTasks(decision.state, ownerKey).filter((task) => !isTerminal(task) && task.toolName === tool.name);
  if (tool.duplicate.scope === 'name_and_args' && running.length > 0) {
    const mine = parse();
    running = mine.ok ? running.filter((task) => task.canonicalArguments === mine.canonical) : [];
  }

  let next = decision;
  if (running.length > 0) {
    const templates = templatesFor(decision.context, agentName, tool.name);
    const related = running.map((task) => task.callId);
    switch (tool.duplicate.mode) {
      case 'allow':
        break;
      case 'reject':
        return answerCall(next, call, 'duplicate_rejected', { text: renderDuplicateReject(templates, tool.name, runningCalls(running)), isError: false }, related);
      case 'confirm':
        if (!registry.readConfirmFlag(call.rawArguments)) {
          return answerCall(next, call, 'duplicate_needs_confirmation', { text: renderDuplicateConfirm(templates, tool.name, runningCalls(running)), isError: false }, related);
        }
        break;
      case 'attach':
        return answerCall(next, call, 'attached', { text: attachedText(tool.name, running[0]!.callId), isError: false }, [running[0]!.callId]);
      case 'replace': {
        const mine = parse();
        if (!mine.ok) return answerCall(next, call, 'invalid_arguments', { text: mine.message, isError: true });
        const blocked = running.flatMap((task) => {
          const reason = notCancellableReason(task);
          return reason === null ? [] : [{ callId: task.callId, reason }];
        });
        if (blocked.length > 0) {
          const text = `${FAILED_TO_CANCEL_DUPLICATES_PREFIX} ${replaceFailedDetail(blocked)}`;
          return answerCall(next, call, 'replace_failed', { text, isError: true }, related);
        }
        next = forEach(next, running, (d, task) => cancelTask(d, task, 'replaced', call.callId, { processingGenerationId: call.generationId }));
        break;
      }
      default:
        return unreachable(tool.duplicate.mode);
    }
  }

  const valid = parse();
  if (!valid.ok) return answerCall(next, call, 'invalid_arguments', { text: valid.message, isError: true });
  return dispatchCall(next, call, tool, ownerKey, valid);
}

function runningCalls(tasks: readonly TaskState[]): readonly RunningCall[] {
  return tasks.map((task) => ({ callId: task.callId, arguments: listedArguments(task.canonicalArguments) }));
}
