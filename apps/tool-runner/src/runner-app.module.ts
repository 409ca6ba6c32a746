import { Module, type DynamicModule } from '@nestjs/common';
import { HealthModule, LoggingModule, ToolRunnerModule, type LoggingModuleOptions, type ToolRunnerModuleOptions } from '@aside/nest';

/**
 * The tool runner application: a thin composition of the reusable modules — structured logging,
 * health (`/healthz`), and the runner itself (BullMQ worker, tool catalogue, `/readyz`).
 */
@Module({})
export class RunnerAppModule {
  static forTools(options: ToolRunnerModuleOptions, logging: LoggingModuleOptions = {}): DynamicModule {
    return {
      module: RunnerAppModule,
      imports: [LoggingModule.forRoot(logging), HealthModule.forRoot({ service: 'tool-runner' }), ToolRunnerModule.forRoot(options)],
    };
  }
}
