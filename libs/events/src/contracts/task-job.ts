import { z } from 'zod';
import { taskReportSchema } from '../catalogue/events/task-events.js';
import { sessionIdSchema } from '../ids/session-id.js';

/**
 * What crosses the process boundary between the gateway and the tool runners (DESIGN.md §3):
 * the job a runner runs and the reports it sends back. Versioned: a runner that does not know a
 * job's contract version fails that job with a clear report instead of guessing.
 */
export const TASK_JOB_CONTRACT_VERSION = 1 as const;

/** Job ids are task ids: unique across sessions, and never with ':' (BullMQ refuses it). */
export const taskIdSchema = z.string().regex(/^[A-Za-z0-9_.-]{1,300}$/, 'a task id is 1-300 of A-Z a-z 0-9 _ . - (no ":")');

const nameSchema = z.string().min(1).max(200);

/** The job data of one task. No credentials: BullMQ keeps job data in clear in Redis. */
export const taskJobSchema = z.object({
  contractVersion: z.literal(TASK_JOB_CONTRACT_VERSION),
  taskId: taskIdSchema,
  sessionId: sessionIdSchema,
  callId: nameSchema,
  /** The activity whose LLM call dispatched the task. */
  activityId: nameSchema,
  agent: nameSchema,
  toolName: nameSchema,
  toolsetId: nameSchema.nullable(),
  /** Parsed arguments: what the body receives. */
  arguments: z.record(z.string(), z.json()),
  /** Per attempt; null for none. */
  timeoutMs: z.number().int().positive().nullable(),
  /** Further attempts after a failed one (a ToolError or a cancel is never retried). */
  retries: z.number().int().nonnegative(),
  /**
   * Attempts of this task already started before this job (a gateway that ran it in-process
   * died; its successor runs it again): the next attempt is numbered after them, so its reports
   * are not fenced out as stale. Optional and additive: runners ignore it (BullMQ's
   * `attemptsStarted` is durable on its own).
   */
  attemptsBefore: z.number().int().nonnegative().optional(),
});
export type TaskJob = z.output<typeof taskJobSchema>;

/** One report about one attempt, keyed taskId/attempt/seq (DESIGN.md §3.4). */
export const taskReportMessageSchema = z.object({
  taskId: taskIdSchema,
  sessionId: sessionIdSchema,
  /** 1-based; increases on every activation of the job, including recovery after a crash. */
  attempt: z.number().int().positive(),
  /** 0 for `started`, 1..n for progress, then the terminal report. */
  seq: z.number().int().nonnegative(),
  report: taskReportSchema,
});
export type TaskReportMessage = z.output<typeof taskReportMessageSchema>;
