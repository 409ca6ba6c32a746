import { Controller, Get, Inject, Module, type DynamicModule } from '@nestjs/common';

const SERVICE_NAME = Symbol('aside.health.service');

@Controller()
class HealthController {
  constructor(@Inject(SERVICE_NAME) private readonly service: string) {}

  /** Liveness: the process is up and serving HTTP. Readiness (`/readyz`) comes with the dependencies it checks. */
  @Get('healthz')
  healthz(): { status: 'ok'; service: string } {
    return { status: 'ok', service: this.service };
  }
}

@Module({})
export class HealthModule {
  static forRoot(options: { service: string }): DynamicModule {
    return {
      module: HealthModule,
      controllers: [HealthController],
      providers: [{ provide: SERVICE_NAME, useValue: options.service }],
    };
  }
}
