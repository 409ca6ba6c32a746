import type { LateResultsConfig, ReplyEntry } from '@aside/events';
import type { ActivityState } from './activity-state.js';
import type { BatchState } from './batch-state.js';
import type { TaskTable } from './task-state.js';
import type { LateDeliveryTable } from './late-delivery-state.js';

export interface SpeechRef {
  readonly activityId: string;
  readonly speechId: string;
}

/** A deferred reply from its snapshot-and-clear to the end of its speech. */
export interface DeliveryState {
  readonly deliveryId: string;
  /** The activity that speaks it. */
  readonly activityId: string;
  readonly ownerKey: string;
  readonly status: 'generating' | 'speaking' | 'done' | 'failed';
  readonly speechId: string | null;
  /** Kept until the reply finished playing, so an interrupted reply can be put back. */
  readonly entries: readonly ReplyEntry[];
}

/**
 * The session: the one decision boundary. It holds every activity (each also foldable alone from
 * its stream) plus what only the session knows: the current pointer and the stack of paused
 * parents, the session-scoped toolsets' tasks and batches, the user's state, the speech queue
 * (one audio output per session), deliveries, and indexes. Plain JSON: replaying the log
 * reproduces it byte for byte.
 */
export interface SessionState {
  readonly status: 'none' | 'active' | 'closed';
  readonly sessionId: string;
  readonly agent: string;
  readonly playout: 'client' | 'instant';
  readonly partition: number;
  readonly managementTools: 'when_live' | 'always';
  /** Where late results are POSTed; null: recorded only. */
  readonly lateResults: LateResultsConfig | null;
  readonly currentActivityId: string | null;
  /** Paused parents of agent tasks, bottom first: `stack[0]` is the top-level agent while a task runs. */
  readonly stack: readonly string[];
  readonly activities: Readonly<Record<string, ActivityState>>;
  /** Tasks of session-scoped toolsets (owner `session/<toolsetId>`). */
  readonly tasks: TaskTable;
  readonly batches: readonly BatchState[];
  readonly user: { readonly speaking: boolean; readonly endOfTurnPending: boolean };
  readonly deliveries: Readonly<Record<string, DeliveryState>>;
  /** Late results queued for the webhook, by delivery id (they may outlive the session's close). */
  readonly lateDeliveries: LateDeliveryTable;
  /** Queued, not yet playing, in queue order. */
  readonly speechQueue: readonly SpeechRef[];
  readonly playing: SpeechRef | null;
  /** Where each task lives, in creation order: an activity id, or null for the session. */
  readonly taskLocations: Readonly<Record<string, string | null>>;
  /** Every call id the session has used, with the activity that dispatched it. */
  readonly callIds: Readonly<Record<string, string>>;
  readonly activityCount: number;
  readonly deliveryCount: number;
  /** The highest batch order used so far. */
  readonly batchCount: number;
}

export function initialSessionState(): SessionState {
  return {
    status: 'none',
    sessionId: '',
    agent: '',
    playout: 'instant',
    partition: 0,
    managementTools: 'when_live',
    lateResults: null,
    currentActivityId: null,
    stack: [],
    activities: {},
    tasks: {},
    batches: [],
    user: { speaking: false, endOfTurnPending: false },
    deliveries: {},
    lateDeliveries: {},
    speechQueue: [],
    playing: null,
    taskLocations: {},
    callIds: {},
    activityCount: 0,
    deliveryCount: 0,
    batchCount: 0,
  };
}
