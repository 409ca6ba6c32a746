import { Inject, Module, type DynamicModule, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import { Gateway } from '@aside/engine';
import { GatewayHttpModule } from '../http-api/gateway-http.module.js';
import type { AgentGatewayModuleAsyncOptions, AgentGatewayModuleOptions } from './agent-gateway.options.js';
import { createGateway } from './create-gateway.js';

const GATEWAY_OPTIONS = Symbol.for('aside.agent-gateway.options');

/** Holds the gateway so that the application's shutdown stops it in order. */
class GatewayLifecycle implements OnApplicationShutdown {
  constructor(@Inject(Gateway) private readonly gateway: Gateway) {}

  async onApplicationShutdown(): Promise<void> {
    await this.gateway.close();
  }
}

/**
 * The agent gateway as a Nest module: the engine (sessions on the event store, reactors, the
 * task queue) plus its HTTP + WebSocket surface. `Gateway` is injectable, for code that hosts
 * sessions itself (`gateway.session(id).waitForIdle()`, `gateway.mockTools(...)`).
 *
 *   AgentGatewayModule.forRoot({ agents: [travelDesk, billing] })
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
      { provide: Gateway, useFactory: (resolved: AgentGatewayModuleOptions) => createGateway(resolved), inject: [GATEWAY_OPTIONS] },
      GatewayLifecycle,
    ];
    const core: DynamicModule = { module: AgentGatewayCoreModule, imports: options.imports ?? [], providers, exports: [Gateway, GATEWAY_OPTIONS] };
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
