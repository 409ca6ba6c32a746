// The gateway engine: the shell around the domain deciders — command handling on the event
// store, reactors on the session log, the task queue, the session handle.
export type { GatewayToolHooks, ReportHandler, TaskJob, TaskQueue, TaskReportMessage, ToolResolver } from './task-queue/task-queue.js';
export { GatewayError } from './api/gateway-api.js';
export type { CreateSessionInput, GatewayApi, GatewayErrorCode, SessionProjection } from './api/gateway-api.js';
export { FAULT_POINT_VARIABLE, reachFaultPoint } from './faults/fault-points.js';
export type { FaultPoint } from './faults/fault-points.js';
export { SoleOwnership } from './ownership/partition-ownership.js';
export type { OwnershipListener, PartitionOwner, PartitionOwnership } from './ownership/partition-ownership.js';
export { PartitionNotOwnedError } from './ownership/partition-not-owned-error.js';
export { SessionEngine } from './sessions/session-engine.js';
export type { Committed, CommittedListener, EngineCommand } from './sessions/session-engine.js';
export { randomIds, systemClock } from './sessions/clock.js';
export type { Clock, IdSource } from './sessions/clock.js';
export { toDecidedEvent, toNewEvents, streamOf } from './sessions/event-mapping.js';
export { SessionReactor } from './reactors/session-reactor.js';
export { silentLogger } from './reactors/reactor-context.js';
export type { EngineLogger, ReactorContext } from './reactors/reactor-context.js';
export { llmRequestFor, toLlmMessages } from './reactors/llm-request.js';
export { projectSession } from './projection/session-projection.js';
export { Gateway } from './gateway/gateway.js';
export type { GatewayOptions } from './gateway/gateway.js';
export { ToolMocks } from './gateway/mock-tools.js';
export type { MockImplementation } from './gateway/mock-tools.js';
export { SessionHandle } from './handle/session-handle.js';
export { ActivityClosedError } from './handle/activity-closed-error.js';
export { InMemoryTaskPlacements, RoutingTaskQueue } from './task-queue/routing-task-queue.js';
export type { RoutingTaskQueueOptions, TaskPlace, TaskPlacements } from './task-queue/routing-task-queue.js';
export { InProcessTaskQueue } from './task-queue/in-process/in-process-task-queue.js';
export type { InProcessTaskQueueOptions } from './task-queue/in-process/in-process-task-queue.js';
export type { BackoffSettings } from './task-queue/in-process/backoff.js';
export type { ReportDeliverySettings } from './task-queue/in-process/report-sequencer.js';
export { idempotencyKeyOf } from './task-queue/in-process/idempotency-key.js';
export { resultReport } from './task-queue/in-process/result-report.js';
// Building blocks of an attempt, shared with the remote (BullMQ) runner so that both adapters
// number, fence and word their reports identically.
export { AttemptReporter } from './task-queue/in-process/attempt-reporter.js';
export type { AttemptKey } from './task-queue/in-process/attempt-reporter.js';
export { AttemptRun } from './task-queue/in-process/attempt-run.js';
export type { AttemptInput, AttemptOutcome } from './task-queue/in-process/attempt-run.js';
export { cancelledReason, shutdownReason, timeoutReason } from './task-queue/in-process/abort-reasons.js';
export { backoffDelayMs } from './task-queue/in-process/backoff.js';
export { errorFields, errorMessage } from './task-queue/in-process/error-detail.js';
export { noopLogger, withFields } from './task-queue/in-process/tool-logger.js';
export { terminalReportFor } from './task-queue/attempt-ending.js';
export type { EndingContext } from './task-queue/attempt-ending.js';
