import { Controller, Get, Inject, Logger, Res } from '@nestjs/common';
import { withinDeadline } from '@aside/events';
import type { GatewayApi } from '@aside/engine';
import { GATEWAY_API } from '../gateway-http.options.js';

interface ReadinessBody {
  readonly ready: boolean;
  readonly checks: Readonly<Record<string, string>>;
}

interface StatusReply {
  code(status: number): unknown;
}

/** A probe must answer even when Redis does not: its client queues commands while it reconnects. */
const READINESS_DEADLINE_MS = 2_000;

/** `GET /readyz`: 200 when every dependency the gateway needs answers, 503 otherwise. Open without a token. */
@Controller()
export class ReadinessController {
  private readonly logger = new Logger('Readiness');

  constructor(@Inject(GATEWAY_API) private readonly api: GatewayApi) {}

  @Get('readyz')
  async readyz(@Res({ passthrough: true }) reply: StatusReply): Promise<ReadinessBody> {
    let body: ReadinessBody;
    try {
      const answer = await withinDeadline(this.api.readiness(), READINESS_DEADLINE_MS);
      body = answer ? { ready: answer.ready, checks: { ...answer.checks } } : { ready: false, checks: { gateway: `no answer within ${READINESS_DEADLINE_MS} ms` } };
    } catch (error) {
      this.logger.error({ err: error }, 'readiness check failed');
      body = { ready: false, checks: { gateway: 'readiness check failed' } };
    }
    reply.code(body.ready ? 200 : 503);
    return body;
  }
}
