/**
 * The bench gateway of `npm run bench:scale`, in its own process (forked by scale.ts with
 * `--expose-gc`) so that its RSS is the gateway's alone: a real distributed `Gateway` on the
 * Redis event store and the BullMQ task queue, with a scripted model, that opens sessions on
 * request and reports what its engine folded.
 */
import { serveRequests } from './scale-child-serve.js';
import { startDistributedGateway } from './scale-distributed-gateway.js';
import { FoldProbe } from './scale-fold-probe.js';
import type { GatewayRequest, MemoryReading, ScaleGatewaySettings } from './scale-protocol.js';
import { openSessions } from './scale-session-opener.js';

const settings = JSON.parse(process.argv[2] ?? '{}') as ScaleGatewaySettings;
const gc = (globalThis as { gc?: () => void }).gc;

/** After a forced full GC when the process runs with --expose-gc (it does when forked by the bench). */
function memory(): MemoryReading {
  if (gc === undefined) throw new Error('The bench gateway needs --expose-gc to read its memory after a full GC');
  gc();
  const { rss, heapUsed } = process.memoryUsage();
  return { rssBytes: rss, heapUsedBytes: heapUsed };
}

async function settledOrAfter(work: Promise<void>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([work, new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

const probe = new FoldProbe();
const { gateway, close } = await startDistributedGateway(settings, probe.onHandover);
gateway.engine.onCommitted(probe.onCommitted);

serveRequests<GatewayRequest>(async (request) => {
  switch (request.type) {
    case 'memory':
      return memory();
    case 'open':
      return { openedMs: await openSessions(gateway, probe, request.sessions, settings.tasksPerSession) };
    case 'sample':
      return probe.sample(request.windowMs);
    case 'endings':
      // What there is by the deadline: the bench tells a missing ending from a slow one.
      await settledOrAfter(probe.tasksEndedCount(request.tasks), request.deadlineMs);
      return probe.endings();
    case 'stop':
      return close();
  }
});
