/**
 * The session timeline (`GET /v1/sessions/:id/timeline`): one session's audit log read as
 * swimlanes. It is a pure read model — the same log always gives the same timeline — and holds
 * meaning only; where things go on screen (rows, pixels) is the page's business.
 *
 * Every item spans `from` → `to` on the log, each a position (commit order) and the store's
 * `recordedAt`; `to` is null while the span is still open (a task running, a reply waiting).
 * A mark (a user turn, a progress update) has `to` equal to `from`.
 */
export interface LogPoint {
  readonly position: number;
  /** The store's `recordedAt` of the event (ISO 8601). */
  readonly at: string;
}

export interface SessionTimeline {
  readonly sessionId: string;
  readonly status: 'active' | 'closed';
  /** The agent the session started with. */
  readonly agent: string | null;
  /** The last log position read: follow the stream after it. */
  readonly position: number;
  readonly start: LogPoint | null;
  readonly end: LogPoint | null;
  /** More events than one timeline draws: only the first ones are in it. */
  readonly truncated: boolean;
  readonly lanes: readonly TimelineLane[];
}

export type LaneId = 'agents' | 'user' | 'speech' | 'tool_calls' | 'tasks' | 'replies';

export interface TimelineLane {
  readonly id: LaneId;
  readonly label: string;
  readonly items: readonly TimelineItem[];
}

export type TimelineItem = ActivityItem | UserTurnItem | UserSpeakingItem | SpeechItem | ToolCallItem | TaskItem | DeferredReplyItem;

interface Span {
  readonly id: string;
  /** Short text the page writes on the item. */
  readonly label: string;
  readonly from: LogPoint;
  readonly to: LogPoint | null;
}

/** An agent or agent task running, from its start to its close, with the stretches it was paused. */
export interface ActivityItem extends Span {
  readonly kind: 'activity';
  readonly activityId: string;
  readonly agent: string;
  readonly activityKind: 'agent' | 'task';
  readonly startReason: string;
  readonly closeReason: string | null;
  readonly paused: readonly { readonly from: LogPoint; readonly to: LogPoint | null; readonly taskActivityId: string }[];
}

/** What the user said (a mark): `turnId` is the command id the turn was submitted with. */
export interface UserTurnItem extends Span {
  readonly kind: 'user_turn';
  readonly turnId: string;
  readonly activityId: string;
  readonly text: string;
}

/** The user speaking (or an end-of-turn decision pending), as the front end reported it. */
export interface UserSpeakingItem extends Span {
  readonly kind: 'user_speaking';
}

/** One speech of an agent: queued, then playing, then played or interrupted. */
export interface SpeechItem extends Span {
  readonly kind: 'speech';
  readonly speechId: string;
  readonly activityId: string;
  readonly agent: string;
  readonly text: string;
  /** Set when a deferred reply produced the speech. */
  readonly deliveryId: string | null;
  readonly started: LogPoint | null;
  readonly status: 'queued' | 'playing' | 'played' | 'interrupted';
  readonly cause: string | null;
}

/** A tool call of the LLM: dispatched (holding the turn until its first output) or answered at once. */
export interface ToolCallItem extends Span {
  readonly kind: 'tool_call';
  readonly callId: string;
  readonly activityId: string;
  readonly agent: string;
  readonly toolName: string;
  readonly taskId: string | null;
  /**
   * `dispatched` (resolved or still holding the turn); `activity_closed` when its activity closed
   * before any output; for a call answered at once, the answer (`invalid_arguments`, `get_running_tasks`…).
   */
  readonly outcome: string;
  /** How a dispatched call got its output: `first_update`, `result`, `error`, `cancelled`. */
  readonly resolvedVia: string | null;
}

export interface ProgressMark {
  readonly at: LogPoint;
  readonly message: string;
  /** 1 for the first update. */
  readonly update: number;
  readonly attempt: number;
}

/** A task, from requested to its terminal state, with its progress updates and discarded reports. */
export interface TaskItem extends Span {
  readonly kind: 'task';
  readonly taskId: string;
  readonly callId: string;
  readonly toolName: string;
  readonly agent: string;
  readonly activityId: string;
  readonly delivery: string;
  readonly started: LogPoint | null;
  readonly status: 'requested' | 'running' | 'succeeded' | 'failed' | 'cancelled';
  readonly attempt: number;
  readonly progress: readonly ProgressMark[];
  /** The result, the error or why it was cancelled, as text. */
  readonly outcome: string | null;
  readonly discarded: readonly { readonly at: LogPoint; readonly reason: string; readonly report: string }[];
}

/**
 * Why a reply could not be spoken at once, from the log at the moment it was queued:
 * `agent_speaking` (a speech queued or playing — the session has one audio output),
 * `activity_paused` (an agent task runs), `user_speaking` (or an end of turn pending),
 * `generating` (an LLM request or another reply in flight), `tool_call_pending` (a dispatch
 * still holds the turn), `not_current` (another activity is current).
 */
export type WaitReason = 'agent_speaking' | 'activity_paused' | 'user_speaking' | 'generating' | 'tool_call_pending' | 'not_current';

export interface QueuedEntry {
  readonly callId: string;
  readonly taskId: string;
  readonly queued: LogPoint;
  readonly waitingFor: readonly WaitReason[];
  /** Put back after the user interrupted the reply that carried it. */
  readonly requeued: boolean;
  /** Why it will never be spoken about, when it was dropped while its batch waited on. */
  readonly dropped: string | null;
}

/** One batch of pending replies: queued, waiting (and why), then delivered or dropped. */
export interface DeferredReplyItem extends Span {
  readonly kind: 'deferred_reply';
  readonly ownerKey: string;
  readonly batchOrder: number;
  /** The activity whose chat holds the entries (the one that speaks the reply when current and idle). */
  readonly activityId: string;
  readonly mode: string;
  readonly entries: readonly QueuedEntry[];
  /** Why it waited: the reasons of its first entry when it was queued. Empty: it did not wait. */
  readonly waitingFor: readonly WaitReason[];
  /** `waitingFor` in words for the page ('did not wait' when empty): the browser keeps no word list of its own. */
  readonly waitedFor: string;
  /** `failed`: delivery started but the reply could not be generated (`failure` says why). */
  readonly outcome: 'waiting' | 'delivered' | 'dropped' | 'failed';
  readonly dropReason: string | null;
  readonly failure: string | null;
  readonly deliveryId: string | null;
  /** The reply as generated (recorded before it is spoken). */
  readonly replyText: string | null;
  readonly speechId: string | null;
}
