import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Query, UseGuards } from '@nestjs/common';
import type { GatewayApi, SessionList, SessionProjection } from '@aside/engine';
import type { StoredEvent } from '@aside/events/store';
import { GATEWAY_API } from '../gateway-http.options.js';
import { JsonBodyGuard } from '../validation/json-body.guard.js';
import {
  createSessionBody,
  listSessionsQuery,
  readEventsQuery,
  reportPlayoutBody,
  submitTurnBody,
  userStateBody,
  type CreateSessionBody,
  type ListSessionsQuery,
  type ReadEventsQuery,
  type ReportPlayoutBody,
  type SubmitTurnBody,
  type UserStateBody,
} from '../validation/request-schemas.js';
import { SessionIdPipe } from '../validation/session-id.pipe.js';
import { ZodValidationPipe } from '../validation/zod-validation.pipe.js';

/** The session routes of DESIGN.md §5: each validates its input and makes one call on the gateway. */
@Controller('v1/sessions')
export class SessionsController {
  constructor(@Inject(GATEWAY_API) private readonly api: GatewayApi) {}

  @Post()
  @HttpCode(201)
  @UseGuards(JsonBodyGuard)
  async create(@Body(new ZodValidationPipe(createSessionBody, 'body')) body: CreateSessionBody): Promise<{ sessionId: string }> {
    const { sessionId } = await this.api.createSession(withoutUndefined(body));
    return { sessionId };
  }

  /** The open sessions (of every partition), for an operator looking one up by a part of its id. */
  @Get()
  async list(@Query(new ZodValidationPipe(listSessionsQuery, 'query')) query: ListSessionsQuery): Promise<SessionList> {
    const { sessions, truncated } = await this.api.listSessions(withoutUndefined(query));
    return { sessions, truncated };
  }

  @Post(':id/turns')
  @HttpCode(202)
  @UseGuards(JsonBodyGuard)
  async submitTurn(
    @Param('id', SessionIdPipe) sessionId: string,
    @Body(new ZodValidationPipe(submitTurnBody, 'body')) body: SubmitTurnBody,
  ): Promise<{ turnId: string }> {
    const { turnId } = await this.api.submitTurn(sessionId, withoutUndefined(body));
    return { turnId };
  }

  @Post(':id/playout')
  @HttpCode(204)
  @UseGuards(JsonBodyGuard)
  async reportPlayout(
    @Param('id', SessionIdPipe) sessionId: string,
    @Body(new ZodValidationPipe(reportPlayoutBody, 'body')) body: ReportPlayoutBody,
  ): Promise<void> {
    await this.api.reportPlayout(sessionId, body);
  }

  @Post(':id/user-state')
  @HttpCode(204)
  @UseGuards(JsonBodyGuard)
  async setUserState(
    @Param('id', SessionIdPipe) sessionId: string,
    @Body(new ZodValidationPipe(userStateBody, 'body')) body: UserStateBody,
  ): Promise<void> {
    await this.api.setUserState(sessionId, body);
  }

  @Get(':id')
  getSession(@Param('id', SessionIdPipe) sessionId: string): Promise<SessionProjection> {
    return this.api.getSession(sessionId);
  }

  @Get(':id/events')
  async readEvents(
    @Param('id', SessionIdPipe) sessionId: string,
    @Query(new ZodValidationPipe(readEventsQuery, 'query')) query: ReadEventsQuery,
  ): Promise<{ events: readonly StoredEvent[]; next: number | null }> {
    const { events, next } = await this.api.readEvents(sessionId, query);
    return { events, next };
  }

  @Delete(':id')
  @HttpCode(204)
  async close(@Param('id', SessionIdPipe) sessionId: string): Promise<void> {
    await this.api.closeSession(sessionId);
  }
}

/** Optional fields the client left out stay out of what the gateway receives. */
function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}
