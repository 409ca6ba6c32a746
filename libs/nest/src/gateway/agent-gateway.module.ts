import { Inject, Module, type DynamicModule, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import { Gateway } from '@aside/engine';
import { GatewayHttpModule } from '../http-api/gateway-http.module.js';
import type { AgentGatewayModuleAsyncOptions, AgentGatewayModuleOptions } from './agent-gateway.options.js';
import { createGateway, type OpenedGateway } from './create-gateway.js';
import { LiveKitRoomLifecycle } from '../livekit/livekit-room.lifecycle.js';
import { QueueBoardLifecycle } from '../queue-board/queue-board.lifecycle.js';
import { GATEWAY_OPTIONS, OPENED_GATEWAY } from './gateway-tokens.js';
import { GatewayMetrics } from '../metrics/gateway/gateway-metrics.js';
import { MetricsController } from '../metrics/metrics.controller.js';
import { METRICS_REGISTRY } from '../metrics/metrics.tokens.js';

/** Holds the gateway so that the application's shutdown stops it, then its store and queue connections. */
class GatewayLifecycle implements OnApplicationShutdown {
  constructor(@Inject(OPENED_GATEWAY) private readonly opened: OpenedGateway) {}

  async onApplicationShutdown(): Promise<void> {
    await this.opened.close();
  }
}

/**
 * The agent gateway as a Nest module: the engine (sessions on the event store, reactors, the
 * task queue) plus its HTTP + WebSocket surface. `Gateway` is injectable, for code that hosts
 * sessions itself (`gateway.session(id).waitForIdle()`, `gateway.mockTools(...)`).
 *
 *   AgentGatewayModule.forRoot({ agents: [travelDesk, billing] })                          // embedded
 *   AgentGatewayModule.forRoot({ agents, redis: { connection: 'redis://redis:6379', partitions: 4 } }) // distributed
 *   AgentGatewayModule.forRootAsync({ inject: [ConfigService], useFactory: (config) => ({ agents, ... }) })
 */
@Module({})
export class AgentGatewayModule {
  static forRoot(options: AgentGatewayModuleOptions): DynamicModule {
    return AgentGatewayModule.forRootAsync({ useFactory: () => options });
  }

  static forRootAsync(options: AgentGatewayModuleAsyncOptions): DynamicModule {
    const providers: Provider[] = [
      { provide: GATEWAY_OPTIONS, useFactory: options.useFactory, inject: options.inject ?? [] },
      // Its own registry, served at /metrics (never prom-client's global one: apps in one process stay apart).
      { provide: GatewayMetrics, useFactory: () => new GatewayMetrics() },
      { provide: METRICS_REGISTRY, useFactory: (metrics: GatewayMetrics) => metrics.registry, inject: [GatewayMetrics] },
      {
        provide: OPENED_GATEWAY,
        useFactory: (resolved: AgentGatewayModuleOptions, metrics: GatewayMetrics) => createGateway(resolved, metrics),
        inject: [GATEWAY_OPTIONS, GatewayMetrics],
      },
      { provide: Gateway, useFactory: (opened: OpenedGateway) => opened.gateway, inject: [OPENED_GATEWAY] },
      GatewayLifecycle,
      // Leaves the room before the gateway closes (Nest runs beforeApplicationShutdown first).
      LiveKitRoomLifecycle,
      // Bull Board at /admin/queues in distributed mode, mounted before the server listens.
      QueueBoardLifecycle,
    ];
    const core: DynamicModule = {
      module: AgentGatewayCoreModule,
      imports: options.imports ?? [],
      controllers: [MetricsController],
      providers,
      exports: [Gateway, GATEWAY_OPTIONS, GatewayMetrics],
    };
    return {
      module: AgentGatewayModule,
      global: true,
      imports: [
        core,
        GatewayHttpModule.forRootAsync({
          imports: [core],
          inject: [Gateway, GATEWAY_OPTIONS],
          useFactory: (gateway: Gateway, resolved: AgentGatewayModuleOptions) => ({
            api: gateway,
            ...(resolved.apiTokens ? { apiTokens: resolved.apiTokens } : {}),
            ...(resolved.stream ? { stream: resolved.stream } : {}),
          }),
        }),
      ],
      exports: [core],
    };
  }
}

/** The providers, in a module of their own so the HTTP module can import them. */
@Module({})
class AgentGatewayCoreModule {}
