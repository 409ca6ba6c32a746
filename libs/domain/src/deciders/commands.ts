import type { Actor, LateResultsConfig, TaskReport } from '@aside/events';
import type { RecordLateResultAttempt } from './late-results/late-result-commands.js';

/**
 * Commands are plain records `{ type, data, metadata }`. The shell validates them (zod, at the
 * boundary) before they reach `decideSession`; time and ids arrive here, never from a clock.
 */
export interface CommandMetadata {
  readonly commandId: string;
  /** ISO-8601 time at which the command was accepted. */
  readonly now: string;
  readonly actor: Actor;
  readonly correlationId: string;
}

interface Command<Type extends string, Data> {
  readonly type: Type;
  readonly data: Data;
  readonly metadata: CommandMetadata;
}

/** A tool call as the LLM emitted it; `arguments` is the raw text (validated by the domain's rules). */
export interface LlmToolCall {
  readonly callId: string;
  readonly name: string;
  readonly arguments: string;
}

export type StartSession = Command<
  'StartSession',
  {
    readonly sessionId: string;
    readonly agent: string;
    readonly playout: 'client' | 'instant';
    readonly partition: number;
    readonly managementTools?: 'when_live' | 'always';
    /** Where late results are POSTed (validated by the shell); none: they are recorded only. */
    readonly lateResults?: LateResultsConfig;
  }
>;
export type CloseSession = Command<'CloseSession', { readonly reason: 'client' | 'idle_timeout' | 'error' | 'agent' }>;
export type SubmitUserTurn = Command<'SubmitUserTurn', { readonly text: string; readonly allowInterruptions?: boolean }>;
export type ChangeUserState = Command<'ChangeUserState', { readonly speaking: boolean; readonly endOfTurnPending?: boolean }>;
/** `session.generateReply()`: the current activity speaks without a user turn. */
export type GenerateReply = Command<'GenerateReply', { readonly instructions?: string; readonly allowInterruptions?: boolean }>;
export type CompleteGeneration = Command<
  'CompleteGeneration',
  { readonly generationId: string; readonly text: string; readonly toolCalls: readonly LlmToolCall[] }
>;
export type FailGeneration = Command<'FailGeneration', { readonly generationId: string; readonly message: string }>;
/** A runner (or the gateway, for a local body or a timeout backstop) reports on one attempt. */
export type FoldReport = Command<
  'FoldReport',
  { readonly taskId: string; readonly attempt: number; readonly seq: number; readonly report: TaskReport }
>;
export type RecordReply = Command<'RecordReply', { readonly deliveryId: string; readonly text: string }>;
export type FailReply = Command<'FailReply', { readonly deliveryId: string; readonly message: string }>;
/** `timed_out`: the client never reported and the playout timeout ran out (counts as played). */
export type ReportPlayout = Command<
  'ReportPlayout',
  { readonly speechId: string; readonly status: 'played' | 'interrupted' | 'timed_out' }
>;
/** A gateway tool body runs an agent task (e.g. GetEmailTask) and awaits its result. */
export type StartAgentTask = Command<'StartAgentTask', { readonly taskId: string; readonly agent: string }>;
/** The agent task completes with its typed result (validated by the shell against the task's schema). */
export type CompleteAgentTask = Command<'CompleteAgentTask', { readonly activityId: string; readonly result: unknown }>;
/** Cancel from code that hosts the session (not from the LLM, which uses `cancel_task`). */
export type CancelTask = Command<'CancelTask', { readonly callId: string }>;
/** Deliver the current activity's pending replies now; refused when there is nothing or it is busy. */
export type DeliverPendingReplies = Command<'DeliverPendingReplies', Readonly<Record<string, never>>>;

export type SessionCommand =
  | StartSession
  | CloseSession
  | SubmitUserTurn
  | ChangeUserState
  | GenerateReply
  | CompleteGeneration
  | FailGeneration
  | FoldReport
  | RecordReply
  | FailReply
  | ReportPlayout
  | StartAgentTask
  | CompleteAgentTask
  | CancelTask
  | DeliverPendingReplies
  | RecordLateResultAttempt;

export type { LateResultAttemptOutcome, RecordLateResultAttempt } from './late-results/late-result-commands.js';

export type SessionCommandType = SessionCommand['type'];
export type CommandOf<Type extends SessionCommandType> = Extract<SessionCommand, { readonly type: Type }>;
