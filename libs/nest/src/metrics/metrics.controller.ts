import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { Registry } from 'prom-client';
import { METRICS_REGISTRY } from './metrics.tokens.js';

interface HeaderReply {
  header(name: string, value: string): unknown;
}

/** `GET /metrics`: the application's series in Prometheus' text format. Open without a token, like the probes. */
@Controller()
export class MetricsController {
  constructor(@Inject(METRICS_REGISTRY) private readonly registry: Registry) {}

  @Get('metrics')
  async metrics(@Res({ passthrough: true }) reply: HeaderReply): Promise<string> {
    const text = await this.registry.metrics();
    reply.header('content-type', this.registry.contentType);
    return text;
  }
}
