import { describeTaskQueueContract } from '@aside/engine/task-queue-contract';
import { bullMqHarness } from './support/bullmq-harness.js';

// Distributed mode: a BullMqTaskQueue and a ToolRunnerWorker on the real Redis pass the same
// contract as the in-process queue, with the capabilities a remote adapter has (see the harness).
describeTaskQueueContract('BullMqTaskQueue + ToolRunnerWorker', bullMqHarness);
