// Distributed mode's Redis adapters (DESIGN.md §3, §4): the gateway enqueues BullMQ jobs and
// consumes its partitions' inboxes; tool runners take the jobs and write reports back; gateways
// share the partitions through leases with fencing epochs.
export { BullMqTaskQueue } from './gateway/bullmq-task-queue.js';
export type { BullMqTaskQueueOptions, ToolQueue } from './gateway/bullmq-task-queue.js';
export type { FoldedReport, InboxBacklog } from './gateway/inbox-consumer.js';
export { DEPTH_SAMPLE_LIMIT } from './gateway/queue-depth.js';
export type { CountedJobState, LiveJobState, QueueDepth } from './gateway/queue-depth.js';
export { ToolRunnerWorker, ASIDE_BACKOFF_TYPE } from './runner/tool-runner-worker.js';
export type { RunnerAttemptOutcome, ToolRunnerObserver, ToolRunnerWorkerOptions } from './runner/tool-runner-worker.js';
export { RedisTaskPlacements } from './gateway/redis-task-placements.js';
export { RedisPartitionLeases } from './ownership/redis-partition-leases.js';
export type { RedisPartitionLeasesOptions } from './ownership/redis-partition-leases.js';
export { AsideKeys, DEFAULT_QUEUE_NAME, INBOX_GROUP, MARKER_TTL_SECONDS } from './redis/aside-keys.js';
export { ReportWriter } from './redis/report-writer.js';
export type { ReportWritten } from './redis/report-writer.js';
export type { RedisConnection } from './redis/redis-connection.js';
export { describeRedisAddress, parseRedisUrl, redisUrlSchema } from './redis/redis-url.js';
export { RedisClosedSessionIndex } from './retention/redis-closed-session-index.js';
export type { RedisPartitionIndexOptions } from './retention/redis-closed-session-index.js';
export { RedisLateResultOutbox } from './retention/redis-late-result-outbox.js';
