import { Module, type DynamicModule } from '@nestjs/common';
import { AgentGatewayModule, HealthModule, LoggingModule, type AgentGatewayModuleOptions } from '@aside/nest';

/**
 * The gateway application: a thin composition of the reusable modules — structured logging,
 * health, and the agent gateway (engine + HTTP/WebSocket surface) for the given agents.
 */
@Module({})
export class GatewayAppModule {
  static forAgents(options: AgentGatewayModuleOptions, logging: { readonly level?: 'silent' } = {}): DynamicModule {
    return {
      module: GatewayAppModule,
      imports: [LoggingModule.forRoot(logging), HealthModule.forRoot({ service: 'agent-gateway' }), AgentGatewayModule.forRoot(options)],
    };
  }
}
