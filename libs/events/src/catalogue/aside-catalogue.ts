import { createCatalogue, type CatalogueEvent } from './catalogue.js';
import {
  ActivityClosed,
  ActivityPaused,
  ActivityResumed,
  ActivityStarted,
  AgentTaskEntered,
  AgentTaskReturned,
  HandoffDeferred,
  HandoffPerformed,
  HandoffRejected,
} from './events/activity-events.js';
import { ChatItemAdded } from './events/chat-events.js';
import { LateResultAbandoned, LateResultAttemptFailed, LateResultDelivered, LateResultQueued } from './events/late-result-events.js';
import {
  GenerationCompleted,
  GenerationDiscarded,
  GenerationFailed,
  GenerationRequested,
  ToolCallAnswered,
  ToolCallDispatched,
  ToolCallResolved,
} from './events/generation-events.js';
import { ReplyDeliveryStarted, ReplyDropped, ReplyFailed, ReplyGenerated, ReplyQueued, ReplyRequeued } from './events/reply-events.js';
import { SessionClosed, SessionStarted, UserStateChanged } from './events/session-lifecycle.js';
import { SpeechFinished, SpeechQueued, SpeechStarted } from './events/speech-events.js';
import {
  ReportDiscarded,
  TaskCancelRequested,
  TaskFailed,
  TaskProgressed,
  TaskRequested,
  TaskStarted,
  TaskSucceeded,
} from './events/task-events.js';

/** Every event Aside writes. A type missing here cannot reach a store. */
export const asideCatalogue = createCatalogue([
  SessionStarted,
  SessionClosed,
  UserStateChanged,
  ActivityStarted,
  ActivityPaused,
  ActivityResumed,
  ActivityClosed,
  HandoffPerformed,
  HandoffDeferred,
  HandoffRejected,
  AgentTaskEntered,
  AgentTaskReturned,
  ChatItemAdded,
  GenerationRequested,
  GenerationCompleted,
  GenerationFailed,
  GenerationDiscarded,
  ToolCallDispatched,
  ToolCallAnswered,
  ToolCallResolved,
  SpeechQueued,
  SpeechStarted,
  SpeechFinished,
  TaskRequested,
  TaskStarted,
  TaskProgressed,
  TaskSucceeded,
  TaskFailed,
  TaskCancelRequested,
  ReportDiscarded,
  ReplyQueued,
  ReplyRequeued,
  ReplyDeliveryStarted,
  ReplyGenerated,
  ReplyFailed,
  ReplyDropped,
  LateResultQueued,
  LateResultAttemptFailed,
  LateResultDelivered,
  LateResultAbandoned,
]);

export type AsideEvent = CatalogueEvent<typeof asideCatalogue>;
export type AsideEventType = AsideEvent['type'];
/** The data of one event type, as the catalogue's schema outputs it. */
export type AsideEventData<Type extends AsideEventType> = Extract<AsideEvent, { readonly type: Type }>['data'];
