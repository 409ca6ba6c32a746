import { Controller, Get, Inject, Param } from '@nestjs/common';
import type { GatewayApi } from '@aside/engine';
import { GATEWAY_API } from '../http-api/gateway-http.options.js';
import { SessionIdPipe } from '../http-api/validation/session-id.pipe.js';
import { buildTimeline } from './model/build-timeline.js';
import type { SessionTimeline } from './model/timeline-model.js';
import { readSessionLog } from './read-session-log.js';

/** `GET /v1/sessions/:id/timeline`: the session's log as swimlanes (behind the API token, like the log itself). */
@Controller('v1/sessions')
export class TimelineController {
  constructor(@Inject(GATEWAY_API) private readonly api: GatewayApi) {}

  @Get(':id/timeline')
  async timeline(@Param('id', SessionIdPipe) sessionId: string): Promise<SessionTimeline> {
    const { events, truncated } = await readSessionLog(this.api, sessionId);
    return buildTimeline(sessionId, events, { truncated });
  }
}
