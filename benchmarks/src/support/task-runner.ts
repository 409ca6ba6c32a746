/**
 * The tool runner of the latency benches, in its own process (forked by TaskRunnerProcess), so
 * a tool call crosses a real process boundary as in production: gateway → BullMQ → this
 * process's `ToolRunnerWorker` → reports to the inbox → gateway.
 *
 * It serves `first_update` and names it in the runners' catalogue, as `aside-runner` does at
 * boot, so the gateway routes its calls to the queue. With `rawQueueName` it also runs the plain
 * BullMQ worker of the raw baseline: same Redis, same process, same event loop.
 */
import { ToolRunnerWorker } from '@aside/bullmq';
import type { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { startRawBullMqWorker } from './raw-bullmq-worker.js';
import { stderrLogger } from './stderr-logger.js';
import { FIRST_UPDATE_TOOL, firstUpdateTool } from './task-first-update-tool.js';
import { toolCatalogueKey, type FromRunner, type TaskRunnerArguments, type ToRunner } from './task-runner-protocol.js';

const settings = JSON.parse(process.argv[2] ?? '{}') as TaskRunnerArguments;
const send = (message: FromRunner): void => void process.send?.(message);

async function main(): Promise<void> {
  const worker = new ToolRunnerWorker({
    connection: settings.redisUrl,
    prefix: settings.prefix,
    resolveTool: (job) => (job.toolName === FIRST_UPDATE_TOOL ? firstUpdateTool : undefined),
    concurrency: settings.concurrency,
    logger: stderrLogger('task-runner'),
  });
  await worker.start();
  const redis = new Redis(settings.redisUrl);
  // Only the name matters to the gateway's routing (HEXISTS); the entry mirrors the real one's shape.
  await redis.hset(toolCatalogueKey(settings.prefix), FIRST_UPDATE_TOOL, JSON.stringify({ name: FIRST_UPDATE_TOOL, description: firstUpdateTool.description }));
  await redis.quit();
  let raw: Worker | undefined;
  if (settings.rawQueueName !== undefined) {
    raw = await startRawBullMqWorker({ redisUrl: settings.redisUrl, prefix: settings.prefix, queueName: settings.rawQueueName, concurrency: settings.concurrency });
  }

  process.on('message', (message: ToRunner) => {
    if (message.type !== 'stop') return;
    void (async () => {
      await Promise.all([worker.close(0), raw?.close()]);
      process.disconnect(); // the IPC channel is the last handle: the process exits by itself
    })();
  });
  // The parent went away (or the stop above is done): nothing is left to run for.
  process.once('disconnect', () => process.exit(0));
  send({ type: 'ready' });
}

await main();
