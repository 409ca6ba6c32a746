// Distributed mode's task queue (DESIGN.md §3, §4): the gateway enqueues BullMQ jobs and
// consumes its partitions' inboxes; tool runners take the jobs and write reports back.
export { BullMqTaskQueue } from './gateway/bullmq-task-queue.js';
export type { BullMqTaskQueueOptions } from './gateway/bullmq-task-queue.js';
export { ToolRunnerWorker, ASIDE_BACKOFF_TYPE } from './runner/tool-runner-worker.js';
export type { ToolRunnerWorkerOptions } from './runner/tool-runner-worker.js';
export { AsideKeys, DEFAULT_QUEUE_NAME, INBOX_GROUP, MARKER_TTL_SECONDS } from './redis/aside-keys.js';
export { ReportWriter } from './redis/report-writer.js';
export type { ReportWritten } from './redis/report-writer.js';
export type { RedisConnection } from './redis/redis-connection.js';
