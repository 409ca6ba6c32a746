import { tool, type AnyToolDefinition, type ToolContext } from '@aside/domain';
import { z } from 'zod';
import type { TaskJob } from '../../../src/index.js';

/** A promise the test settles: how a test waits for an event instead of sleeping. */
export interface Deferred<T> {
  readonly promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

export function deferred<T = void>(): Deferred<T> {
  let resolve: (value: T) => void = () => undefined;
  let reject: (error: unknown) => void = () => undefined;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** A real tool() definition around a test body. */
export function testTool(
  name: string,
  execute: (args: Record<string, unknown>, ctx: ToolContext) => unknown,
  options: { readonly timeoutMs?: number; readonly retries?: number } = {},
): AnyToolDefinition {
  return tool({ name, description: `test tool ${name}`, parameters: z.object({}).passthrough(), execute, ...options });
}

/** A valid session id (`sess-<partition>-<token>`): a remote adapter routes reports by it. */
export const TEST_SESSION_ID = 'sess-0-taskqueuetest';

let jobCount = 0;

/**
 * A job for `definition`, carrying the tool's own timeout and retries like the gateway does.
 * Its ids are shaped like the gateway's (task id = session id + call id) and valid job data,
 * and every call gives a new task id.
 */
export function jobFor(definition: AnyToolDefinition, overrides: Partial<TaskJob> = {}): TaskJob {
  jobCount += 1;
  const callId = `call${jobCount}`;
  return {
    contractVersion: 1,
    taskId: `${TEST_SESSION_ID}-${callId}`,
    sessionId: TEST_SESSION_ID,
    callId,
    activityId: 'a1',
    agent: 'assistant',
    toolName: definition.name,
    toolsetId: null,
    arguments: {},
    timeoutMs: definition.timeoutMs,
    retries: definition.retries,
    ...overrides,
  };
}
