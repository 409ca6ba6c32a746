/**
 * A tool runner of `npm run bench:scale`, in its own process (forked by scale.ts, two of them):
 * a `ToolRunnerWorker` serving the slow tool, with room for every live task of the run, whose
 * bodies update at a steady pace until the bench releases them.
 */
import { ToolRunnerWorker } from '@aside/bullmq';
import { SLOW_JOB_TOOL, slowJobTool } from './scale-agent.js';
import { serveRequests } from './scale-child-serve.js';
import type { RunnerRequest, ScaleRunnerSettings } from './scale-protocol.js';
import { SlowJobs } from './scale-slow-job.js';
import { stderrLogger } from './stderr-logger.js';

const settings = JSON.parse(process.argv[2] ?? '{}') as ScaleRunnerSettings;
const jobs = new SlowJobs(settings.updateIntervalMs);
const slowJob = slowJobTool(jobs.body);

const worker = new ToolRunnerWorker({
  connection: settings.redisUrl,
  prefix: settings.prefix,
  resolveTool: (job) => (job.toolName === SLOW_JOB_TOOL ? slowJob : undefined),
  concurrency: settings.concurrency,
  logger: stderrLogger(`bench-runner-${process.pid}`),
});
await worker.start();

serveRequests<RunnerRequest>(async (request) => {
  switch (request.type) {
    case 'sample':
      return jobs.sample(request.windowMs);
    case 'release':
      return jobs.releaseAll();
    case 'written':
      return jobs.writtenOnceDone();
    case 'stop':
      return worker.close(0); // every body was released and has returned: nothing to hand back
  }
});
