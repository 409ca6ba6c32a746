import type { ChatItem } from '@aside/events';
import type { BatchState } from './batch-state.js';
import type { TaskTable } from './task-state.js';

export type GenerationPurpose = 'user_turn' | 'tool_reply' | 'explicit' | 'handoff' | 'task_start';

/** One LLM request of the activity and the tool calls it dispatched. */
export interface GenerationState {
  readonly generationId: string;
  readonly purpose: GenerationPurpose;
  readonly status: 'requested' | 'completed' | 'failed' | 'discarded';
  readonly allowInterruptions: boolean;
  /** Every tool call of the completed generation (session call ids). */
  readonly calls: readonly string[];
  /** Dispatched calls still waiting for their original output: they hold the turn. */
  readonly pending: readonly string[];
  /** Calls resolved by a cancel before any update: they ask for no tool reply. */
  readonly silent: readonly string[];
  readonly toolReplyRequested: boolean;
}

export interface SpeechState {
  readonly speechId: string;
  readonly text: string;
  readonly generationId: string | null;
  readonly deliveryId: string | null;
  readonly allowInterruptions: boolean;
  readonly status: 'queued' | 'playing' | 'played' | 'interrupted';
}

export type ActivityStatus = 'none' | 'started' | 'paused' | 'resumed' | 'closed';

/**
 * One running agent or agent task. Folds from its own stream alone: everything here is
 * written by events tagged with this activity.
 */
export interface ActivityState {
  readonly activityId: string;
  readonly agent: string;
  readonly kind: 'agent' | 'task';
  readonly parentActivityId: string | null;
  readonly awaitedByTaskId: string | null;
  readonly status: ActivityStatus;
  readonly chat: readonly ChatItem[];
  readonly generations: Readonly<Record<string, GenerationState>>;
  readonly speeches: Readonly<Record<string, SpeechState>>;
  /** Tasks it owns: its bare tools' and its agent-scoped toolsets'. */
  readonly tasks: TaskTable;
  /** Pending reply batches of the owners it holds. */
  readonly batches: readonly BatchState[];
  /** A handoff an async tool asked for; it applies once this activity is current and idle. */
  readonly pendingHandoff: { readonly callId: string; readonly agent: string } | null;
  readonly generationCount: number;
  readonly speechCount: number;
}

export function initialActivityState(): ActivityState {
  return {
    activityId: '',
    agent: '',
    kind: 'agent',
    parentActivityId: null,
    awaitedByTaskId: null,
    status: 'none',
    chat: [],
    generations: {},
    speeches: {},
    tasks: {},
    batches: [],
    pendingHandoff: null,
    generationCount: 0,
    speechCount: 0,
  };
}

export function isOpen(activity: ActivityState): boolean {
  return activity.status !== 'none' && activity.status !== 'closed';
}

/** Started or resumed: not paused, not closed (whether it is the current one is the session's call). */
export function isRunning(activity: ActivityState): boolean {
  return activity.status === 'started' || activity.status === 'resumed';
}
