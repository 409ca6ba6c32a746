import { Module } from '@nestjs/common';
import { HealthModule } from '@aside/nest';

/** The gateway, composed from reusable modules. Sessions, LLM and transports join in later steps. */
@Module({ imports: [HealthModule.forRoot({ service: 'agent-gateway' })] })
export class GatewayAppModule {}
