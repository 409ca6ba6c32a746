import { Module, type DynamicModule } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { MetricsController } from '../metrics/metrics.controller.js';
import { METRICS_REGISTRY } from '../metrics/metrics.tokens.js';
import { RunnerMetrics } from '../metrics/runner/runner-metrics.js';
import { ToolRunnerReadinessController } from './tool-runner-readiness.controller.js';
import { ToolExplorer } from './tool-explorer.js';
import { TOOL_RUNNER_OPTIONS, type ToolRunnerModuleAsyncOptions, type ToolRunnerModuleOptions } from './tool-runner.options.js';
import { ToolRunnerService } from './tool-runner.service.js';

/**
 * A tool runner as a Nest module (DESIGN.md §3, §5): serves the tools given as values plus the
 * `@Tool()` methods of every provider, takes their jobs from BullMQ, publishes them to the
 * catalogue (`<prefix>:tool-catalogue`) and answers `GET /readyz` and `GET /metrics`.
 *
 *   ToolRunnerModule.forRoot({ connection: 'redis://localhost:6379', tools: [searchFlights] })
 *   ToolRunnerModule.forRootAsync({ imports: [ConfigModule], inject: [ConfigService], useFactory: (config) => ({ connection: config.get('REDIS_URL') }) })
 */
@Module({})
export class ToolRunnerModule {
  static forRoot(options: ToolRunnerModuleOptions): DynamicModule {
    return ToolRunnerModule.forRootAsync({ useFactory: () => options });
  }

  static forRootAsync(options: ToolRunnerModuleAsyncOptions): DynamicModule {
    return {
      module: ToolRunnerModule,
      imports: [DiscoveryModule, ...(options.imports ?? [])],
      controllers: [ToolRunnerReadinessController, MetricsController],
      providers: [
        { provide: TOOL_RUNNER_OPTIONS, useFactory: options.useFactory, inject: options.inject ?? [] },
        ToolExplorer,
        ToolRunnerService,
        // Its own registry, served at /metrics (never prom-client's global one: apps in one process stay apart).
        { provide: RunnerMetrics, useFactory: () => new RunnerMetrics() },
        { provide: METRICS_REGISTRY, useFactory: (metrics: RunnerMetrics) => metrics.registry, inject: [RunnerMetrics] },
      ],
      exports: [ToolRunnerService, RunnerMetrics],
    };
  }
}
