// The event-sourced heart of a session: decide(command, state, context) → events,
// evolve(state, event) → state, initial state; plus the pure queries the shell needs.
export { decideSession } from './session/decide-session.js';
export { evolveSession, foldSession } from './state/evolve-session.js';
export { initialSessionState } from './state/session-state.js';
export type { DeliveryState, SessionState, SpeechRef } from './state/session-state.js';
export { evolveActivity } from './state/evolve-activity.js';
export { initialActivityState, isOpen, isRunning } from './state/activity-state.js';
export type { ActivityState, ActivityStatus, GenerationPurpose, GenerationState, SpeechState } from './state/activity-state.js';
export { isTerminal } from './state/task-state.js';
export type { TaskState, TaskStatus, TaskTable } from './state/task-state.js';
export type { BatchState } from './state/batch-state.js';

export { activityEvent, eventOn, sessionEvent, SESSION_AGGREGATE } from './decided-event.js';
export type { AggregateTag, DecidedEvent } from './decided-event.js';
export type { DeciderContext } from './context.js';
export type * from './commands.js';
export { DomainError } from './domain-error.js';
export type { DomainErrorCode } from './domain-error.js';

export { canCutIn, isCurrent, isIdle } from './queries/idle.js';
export { batchesTargeting, pendingBatches, pendingCallIds } from './queries/batches.js';
export { findRunningTaskByCallId, notCancellableReason, runningTasks } from './queries/tasks.js';
export { allTasks, findTask, ownerActivityId, ownerKeyOf, ownerTargetActivityId, topLevelActivityId } from './queries/ownership.js';
export { managementToolsVisible, toolsOffered } from './queries/tools-offered.js';
export { CANCEL_TASK, GET_RUNNING_TASKS, isManagementTool, MANAGEMENT_TOOL_NAMES, managementToolSchemas } from './management-tools.js';
export type { ManagementToolSchema } from './management-tools.js';

export { lateDeliveryId, lateResultOf, pendingLateDeliveries } from './late-results/queue-late-result.js';
export { DEFAULT_LATE_RESULT_POLICY, isRetryable, nextStep, retryDelayMs } from './late-results/late-result-policy.js';
export type { AbandonReason, LateResultPolicy, NextStep } from './late-results/late-result-policy.js';
export type { LateDeliveryState, LateDeliveryTable } from './state/late-delivery-state.js';
