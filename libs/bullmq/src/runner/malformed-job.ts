import { isSessionId, TASK_JOB_CONTRACT_VERSION, taskIdSchema, type TaskReportMessage } from '@aside/events';
import type { z } from 'zod';

/**
 * What a runner reports for job data it cannot run: an unknown contract version (a newer
 * gateway, an older runner) or malformed data. The report reaches the session when its id can
 * be read from the data; otherwise there is nobody to tell and only the log and the failed job
 * remain.
 */
export function malformedJobReport(
  data: unknown,
  jobId: string | undefined,
  attempt: number,
  problem: z.ZodError,
): { readonly message: string; readonly report: TaskReportMessage | undefined } {
  const fields = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
  const version = fields['contractVersion'];
  const message =
    version !== TASK_JOB_CONTRACT_VERSION
      ? `Unsupported job contract version ${JSON.stringify(version)}: this runner understands version ${TASK_JOB_CONTRACT_VERSION}`
      : `Malformed job data: ${problem.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ')}`;
  const sessionId = fields['sessionId'];
  const taskId = taskIdSchema.safeParse(fields['taskId']).success ? (fields['taskId'] as string) : jobId;
  if (!isSessionId(sessionId) || taskId === undefined || !taskIdSchema.safeParse(taskId).success) return { message, report: undefined };
  return { message, report: { taskId, sessionId, attempt, seq: 0, report: { type: 'failed', kind: 'internal', message } } };
}
