// NestJS building blocks the two apps compose.
export { HealthModule } from './health/health.module.js';
export { readHttpSettings } from './http/http-settings.js';
export type { HttpSettings } from './http/http-settings.js';
export { startHttpApp } from './http/start-http-app.js';
export { bootHttpService } from './http/boot-http-service.js';
export { DEFAULT_BODY_LIMIT, DEFAULT_REQUEST_TIMEOUT_MS } from './http/start-http-app.js';
export { GatewayHttpModule } from './http-api/gateway-http.module.js';
export { GATEWAY_API, GATEWAY_HTTP_SETTINGS } from './http-api/gateway-http.options.js';
export type {
  GatewayApiProvider,
  GatewayHttpAsyncConfig,
  GatewayHttpModuleAsyncOptions,
  GatewayHttpModuleOptions,
  StreamOptions,
} from './http-api/gateway-http.options.js';
export { ApiTokens, parseApiTokens, readApiTokens } from './http-api/auth/api-tokens.js';
export { ApiError } from './http-api/errors/api-error.js';
export type { ApiErrorBody } from './http-api/errors/api-error.js';
export { ZodValidationPipe } from './http-api/validation/zod-validation.pipe.js';
export { LoggingModule } from './logging/logging.module.js';
export type { LoggingModuleOptions } from './logging/logging.module.js';
export { readLoggingSettings } from './logging/logging-settings.js';
export type { LoggingSettings, LogLevelName } from './logging/logging-settings.js';
export { AgentGatewayModule } from './gateway/agent-gateway.module.js';
export type {
  AgentGatewayModuleAsyncOptions,
  AgentGatewayModuleOptions,
  AgentGatewayRedisOptions,
  AgentGatewayQueueBoardOptions,
  AgentGatewayRetentionOptions,
} from './gateway/agent-gateway.options.js';
export { DEFAULT_QUEUE_BOARD_PATH, mountQueueBoard } from './queue-board/mount-queue-board.js';
export type { QueueBoardMount } from './queue-board/mount-queue-board.js';
export { QUEUE_BOARD_COOKIE } from './queue-board/queue-board-auth.js';
export { describeGatewayServices, readGatewayServiceSettings } from './gateway/gateway-service-settings.js';
export type { GatewayServiceSettings } from './gateway/gateway-service-settings.js';
export { createGateway } from './gateway/create-gateway.js';
export type { OpenedGateway } from './gateway/create-gateway.js';
export { DEFAULT_GATEWAY_PREFIX, distributedAdapters } from './gateway/distributed-adapters.js';
export type { DistributedAdapters } from './gateway/distributed-adapters.js';
export { describeGatewayMode, readGatewayRedisSettings } from './gateway/gateway-mode-settings.js';
export type { GatewayRedisSettings } from './gateway/gateway-mode-settings.js';
export { ToolRunnerModule } from './tool-runner/tool-runner.module.js';
export { ToolRunnerService } from './tool-runner/tool-runner.service.js';
export type { ToolRunnerReadiness } from './tool-runner/tool-runner.service.js';
export { Tool, TOOL_METADATA } from './tool-runner/tool.decorator.js';
export type { ToolMethodOptions } from './tool-runner/tool.decorator.js';
export { DEFAULT_RUNNER_PREFIX, TOOL_RUNNER_OPTIONS } from './tool-runner/tool-runner.options.js';
export type { ToolRunnerModuleAsyncOptions, ToolRunnerModuleOptions } from './tool-runner/tool-runner.options.js';
export { catalogueEntryOf, publishToolCatalogue, toolCatalogueKey } from './tool-runner/tool-catalogue.js';
export type { ToolCatalogueEntry } from './tool-runner/tool-catalogue.js';
export { integerRule, keyNameRule, keyPrefixRule, readEnvSetting } from './config/env-settings.js';
export type { EnvRule } from './config/env-settings.js';
export { describeLiveKit, readLiveKitSettings } from './livekit/livekit-settings.js';
export type { LiveKitRoomSettings } from './livekit/livekit-settings.js';
export type { AgentGatewayLiveKitOptions } from './gateway/agent-gateway.options.js';
export { PartitionSignals } from './livekit/partition-signals.js';
export type { PartitionWatcher } from './livekit/partition-signals.js';
// Prometheus metrics at GET /metrics (docs/operations.md, "Metrics"): one registry per application.
export { GatewayMetrics } from './metrics/gateway/gateway-metrics.js';
export type { GatewayInstrumentation, GatewayMetricsOptions } from './metrics/gateway/gateway-metrics.js';
export type { GatewayScrapeSources } from './metrics/gateway/scrape-time-gauges.js';
export { sessionMetricUpdates } from './metrics/gateway/session-metric-updates.js';
export type { SessionMetricUpdate } from './metrics/gateway/session-metric-updates.js';
export { TimedEventStore } from './metrics/gateway/timed-event-store.js';
export type { AppendOutcome } from './metrics/gateway/timed-event-store.js';
export { RunnerMetrics } from './metrics/runner/runner-metrics.js';
export { METRICS_REGISTRY } from './metrics/metrics.tokens.js';
export { createMetricsRegistry } from './metrics/metrics-registry.js';
export { buildTimeline, TimelineController, TimelinePageController, TIMELINE_PAGE_ROUTES } from './timeline/index.js';
export type { SessionTimeline, TimelineLane, TimelineItem, WaitReason } from './timeline/index.js';
