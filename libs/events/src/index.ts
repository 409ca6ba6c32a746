// Pure entry point of @aside/events: the vocabulary every process shares. zod only, no IO.
export { actorSchema, eventEnvelopeSchema, newEventSchema } from './envelope.js';
export type { Actor, EventEnvelope, NewEvent } from './envelope.js';
export { AsideError, InvalidEventError } from './errors.js';
export type { SchemaProblem } from './errors.js';
export { defineEvent } from './catalogue/define-event.js';
export type { EventDefinition, EventOf, PastVersion } from './catalogue/define-event.js';
export { createCatalogue } from './catalogue/catalogue.js';
export type { Catalogue, CatalogueEvent, ValidatedData } from './catalogue/catalogue.js';
export { asideCatalogue } from './catalogue/aside-catalogue.js';
export type { AsideEvent, AsideEventData, AsideEventType } from './catalogue/aside-catalogue.js';
export { SessionClosed, SessionStarted, UserStateChanged } from './catalogue/events/session-lifecycle.js';
export {
  ActivityClosed,
  ActivityPaused,
  ActivityResumed,
  ActivityStarted,
  AgentTaskEntered,
  AgentTaskReturned,
  HandoffDeferred,
  HandoffPerformed,
  HandoffRejected,
} from './catalogue/events/activity-events.js';
export { ChatItemAdded, chatItemSchema } from './catalogue/events/chat-events.js';
export type { ChatItem } from './catalogue/events/chat-events.js';
export {
  GenerationCompleted,
  GenerationDiscarded,
  GenerationFailed,
  GenerationRequested,
  ToolCallAnswered,
  ToolCallDispatched,
  ToolCallResolved,
} from './catalogue/events/generation-events.js';
export { SpeechFinished, SpeechQueued, SpeechStarted } from './catalogue/events/speech-events.js';
export {
  ReportDiscarded,
  TaskCancelRequested,
  TaskFailed,
  TaskProgressed,
  TaskRequested,
  TaskStarted,
  TaskSucceeded,
  taskReportSchema,
} from './catalogue/events/task-events.js';
export type { TaskReport } from './catalogue/events/task-events.js';
export {
  ReplyDeliveryStarted,
  ReplyDropped,
  ReplyFailed,
  ReplyGenerated,
  ReplyQueued,
  ReplyRequeued,
  replyEntrySchema,
} from './catalogue/events/reply-events.js';
export type { ReplyEntry } from './catalogue/events/reply-events.js';
export {
  LateResultAbandoned,
  LateResultAttemptFailed,
  LateResultDelivered,
  LateResultQueued,
  lateOutcomeSchema,
  lateResultsConfigSchema,
  webhookFailureSchema,
  webhookUrlField,
} from './catalogue/events/late-result-events.js';
export type { LateOutcome, LateResultsConfig, WebhookFailure } from './catalogue/events/late-result-events.js';
export { formatSessionId, isSessionId, MAX_PARTITIONS, parseSessionId, sessionIdSchema } from './ids/session-id.js';
export type { ParsedSessionId } from './ids/session-id.js';
export { parseStreamName, streamName } from './ids/stream-name.js';
export type { StreamRef } from './ids/stream-name.js';
export { TASK_JOB_CONTRACT_VERSION, taskIdSchema, taskJobSchema, taskReportMessageSchema } from './contracts/task-job.js';
export type { TaskJob, TaskReportMessage } from './contracts/task-job.js';
export { withinDeadline } from './async/within-deadline.js';
