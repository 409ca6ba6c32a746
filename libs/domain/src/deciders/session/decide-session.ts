import type { SessionCommand } from '../commands.js';
import type { DeciderContext } from '../context.js';
import type { DecidedEvent } from '../decided-event.js';
import type { Decision } from '../decision.js';
import { reject } from '../domain-error.js';
import { completeGeneration, failGeneration } from '../activity/complete-generation.js';
import { foldReport } from '../reports/fold-report.js';
import { recordLateResultAttempt } from '../late-results/record-late-result-attempt.js';
import { deliverPendingReplies } from '../replies/deliver-pending.js';
import { failReply, recordReply } from '../replies/record-reply.js';
import { reportPlayout } from '../speech/report-playout.js';
import type { SessionState } from '../state/session-state.js';
import { cancelFromHost } from '../tasks/cancel-from-host.js';
import { unreachable } from '../unreachable.js';
import { completeAgentTask, startAgentTask } from './agent-task.js';
import { closeSession } from './close-session.js';
import { changeUserState, generateReply, submitUserTurn } from './conversation.js';
import { settle } from './settle.js';
import { startSession } from './start-session.js';

/**
 * The one decision boundary of a session (DESIGN §2): routes the command to its rule, then
 * settles what follows from the resulting state (speech, deliveries, deferred handoffs) in the
 * same decision. Every returned event carries its aggregate; the shell commits them together.
 * Throws `DomainError` for an illegal command (nothing is decided then).
 */
export function decideSession(command: SessionCommand, state: SessionState, context: DeciderContext): DecidedEvent[] {
  guardStatus(command, state);
  const start: Decision = { state, events: [], context, metadata: command.metadata };
  return [...settle(applyRule(start, command)).events];
}

const AFTER_CLOSE: ReadonlySet<SessionCommand['type']> = new Set(['FoldReport', 'RecordLateResultAttempt']);

function guardStatus(command: SessionCommand, state: SessionState): void {
  if (command.type === 'StartSession') return;
  if (state.status === 'none') reject('SESSION_NOT_STARTED', `Session has not started; ${command.type} is refused`);
  // A report after the close is still recorded (ReportDiscarded): a late result must leave a
  // trace, and its webhook delivery goes on after the close.
  if (state.status === 'closed' && !AFTER_CLOSE.has(command.type)) reject('SESSION_CLOSED', `Session ${state.sessionId} is closed; ${command.type} is refused`);
}

function applyRule(decision: Decision, command: SessionCommand): Decision {
  switch (command.type) {
    case 'StartSession':
      return startSession(decision, command);
    case 'CloseSession':
      return closeSession(decision, command);
    case 'SubmitUserTurn':
      return submitUserTurn(decision, command);
    case 'ChangeUserState':
      return changeUserState(decision, command);
    case 'GenerateReply':
      return generateReply(decision, command);
    case 'CompleteGeneration':
      return completeGeneration(decision, command);
    case 'FailGeneration':
      return failGeneration(decision, command);
    case 'FoldReport':
      return foldReport(decision, command);
    case 'RecordReply':
      return recordReply(decision, command);
    case 'FailReply':
      return failReply(decision, command);
    case 'ReportPlayout':
      return reportPlayout(decision, command);
    case 'StartAgentTask':
      return startAgentTask(decision, command);
    case 'CompleteAgentTask':
      return completeAgentTask(decision, command);
    case 'CancelTask':
      return cancelFromHost(decision, command);
    case 'DeliverPendingReplies':
      return deliverPendingReplies(decision);
    case 'RecordLateResultAttempt':
      return recordLateResultAttempt(decision, command);
    default:
      return unreachable(command);
  }
}
