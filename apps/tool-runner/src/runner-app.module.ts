import { Module } from '@nestjs/common';
import { HealthModule } from '@aside/nest';

/** The tool runner, composed from reusable modules. BullMQ workers join in a later step. */
@Module({ imports: [HealthModule.forRoot({ service: 'tool-runner' })] })
export class RunnerAppModule {}
