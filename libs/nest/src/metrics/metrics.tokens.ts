/** The application's prom-client `Registry`, served at `GET /metrics`. */
export const METRICS_REGISTRY = Symbol.for('aside.metrics.registry');
