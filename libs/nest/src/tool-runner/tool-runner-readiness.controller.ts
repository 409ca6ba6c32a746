import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ToolRunnerService, type ToolRunnerReadiness } from './tool-runner.service.js';

interface StatusReply {
  code(status: number): unknown;
}

/** `GET /readyz` for a runner: 200 when the worker is running and Redis answers, 503 otherwise. */
@Controller()
export class ToolRunnerReadinessController {
  constructor(@Inject(ToolRunnerService) private readonly runner: ToolRunnerService) {}

  @Get('readyz')
  async readyz(@Res({ passthrough: true }) reply: StatusReply): Promise<ToolRunnerReadiness> {
    const readiness = await this.runner.readiness();
    reply.code(readiness.ready ? 200 : 503);
    return readiness;
  }
}
