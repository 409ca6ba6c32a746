import { describe } from '@jest/globals';
import { describeCancellation } from './cancellation.contract.js';
import { contractQueues } from './contract-queues.js';
import { describeFailures } from './failures.contract.js';
import { describeReports } from './reports.contract.js';
import { describeShutdown } from './shutdown.contract.js';
import type { TaskQueueHarness } from './task-queue-harness.js';
import { describeToolContext } from './tool-context.contract.js';

export type { HarnessedTaskQueue, TaskQueueCapabilities, TaskQueueHarness, TaskQueueHarnessOptions } from './task-queue-harness.js';
// Helpers other adapters' feature tests share (published as "@aside/engine/task-queue-contract").
export { deferred, jobFor, TEST_SESSION_ID, testTool } from './test-tools.js';
export type { Deferred } from './test-tools.js';
export { line, ReportLog } from './report-log.js';

/**
 * The behaviour every TaskQueue adapter must have (DESIGN.md §3), through the port only: each
 * adapter's spec file runs this suite, and an adapter that passes it can replace another. Real
 * time throughout (small timeouts, backoffs and grace periods through the harness), and tests
 * wait for events — a report folded, a body reaching a point — never for a while.
 */
export function describeTaskQueueContract(adapterName: string, harness: TaskQueueHarness): void {
  describe(`TaskQueue contract: ${adapterName}`, () => {
    const queues = contractQueues(harness);
    describeReports(queues);
    describeToolContext(queues);
    describeFailures(queues);
    describeCancellation(queues);
    describeShutdown(queues);
  });
}
