import { describeTaskQueueContract } from './contract/task-queue.contract.js';
import { inProcessHarness } from './in-process-harness.js';

// Embedded mode: bodies run in this process. Its own options are covered in in-process-*.spec.ts.
describeTaskQueueContract('InProcessTaskQueue', inProcessHarness);
