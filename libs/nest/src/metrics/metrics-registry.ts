import { collectDefaultMetrics, Registry, type Metric } from 'prom-client';

/** Node's process metrics, collected once per prefix in this process (they describe the process, not an app). */
const processMetrics = new Map<string, readonly Metric[]>();

/**
 * A registry of one application's series (never prom-client's global one, so two apps in one
 * process — tests, an embedded deployment — keep theirs apart), with Node's process metrics
 * (CPU, memory, event-loop lag, GC, handles) under `processPrefix`, e.g. `aside_gateway_`.
 * Those are collected once per prefix and shared by every registry that asks: each collection
 * starts an event-loop monitor and a GC observer that nothing can stop, so one per app would
 * pile up in a process that starts many.
 */
export function createMetricsRegistry(processPrefix: string): Registry {
  const registry = new Registry();
  for (const metric of processMetricsOf(processPrefix)) registry.registerMetric(metric);
  return registry;
}

function processMetricsOf(prefix: string): readonly Metric[] {
  let metrics = processMetrics.get(prefix);
  if (metrics === undefined) {
    const collected = new Registry();
    collectDefaultMetrics({ register: collected, prefix });
    // At run time these are the metric objects themselves (the typings say MetricObject).
    metrics = collected.getMetricsAsArray() as unknown as readonly Metric[];
    processMetrics.set(prefix, metrics);
  }
  return metrics;
}
