/**
 * The tool runner of `npm run bench:cancel`, in its own process (forked by
 * remote-cancel-latency.ts) so a cancel crosses a real process boundary like in production:
 * gateway process → Redis PUBLISH → this process's subscriber → the body's AbortSignal.
 *
 * It also holds a raw subscriber on the floor channel, so the PUBLISH floor is measured on the
 * same path minus Aside: same Redis, same process, same event loop.
 */
import { tool } from '@aside/domain';
import { ToolRunnerWorker } from '@aside/bullmq';
import { Redis } from 'ioredis';
import { z } from 'zod';
import { stderrLogger } from './stderr-logger.js';
import { nowNs, WAIT_FOR_CANCEL_TOOL, type CancelRunnerArguments, type FromRunner, type ToRunner } from './cancel-runner-protocol.js';

const settings = JSON.parse(process.argv[2] ?? '{}') as CancelRunnerArguments;
const send = (message: FromRunner): void => void process.send?.(message);

const logger = stderrLogger('cancel-runner');

const waitForCancel = tool({
  name: WAIT_FOR_CANCEL_TOOL,
  description: 'Reports that it runs, then waits until it is cancelled',
  parameters: z.object({}),
  execute: async (_args, ctx) => {
    // Listening before the update, so no abort can slip in between.
    const aborted = new Promise<void>((resolve) => {
      ctx.signal.addEventListener(
        'abort',
        () => {
          send({ type: 'aborted', taskId: ctx.taskId, atNs: String(nowNs()) });
          resolve();
        },
        { once: true },
      );
    });
    await ctx.update('running');
    await aborted;
  },
});

async function main(): Promise<void> {
  const floor = new Redis(settings.redisUrl);
  floor.on('message', (_channel: string, id: string) => send({ type: 'floor-heard', id, atNs: String(nowNs()) }));
  await floor.subscribe(settings.floorChannel);

  const worker = new ToolRunnerWorker({
    connection: settings.redisUrl,
    prefix: settings.prefix,
    resolveTool: (job) => (job.toolName === WAIT_FOR_CANCEL_TOOL ? waitForCancel : undefined),
    concurrency: settings.concurrency,
    logger,
  });
  await worker.start();

  process.on('message', (message: ToRunner) => {
    if (message.type !== 'stop') return;
    void (async () => {
      await worker.close(0);
      await floor.quit();
      process.disconnect(); // the IPC channel is the last handle: the process exits by itself
    })();
  });
  // The parent went away (or the stop above is done): nothing is left to report to.
  process.once('disconnect', () => process.exit(0));
  send({ type: 'ready' });
}

await main();
