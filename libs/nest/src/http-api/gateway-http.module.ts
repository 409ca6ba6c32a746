import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { BearerAuthGuard } from './auth/bearer-auth.guard.js';
import { ErrorResponseFilter } from './errors/error-response.filter.js';
import {
  GATEWAY_API,
  GATEWAY_HTTP_SETTINGS,
  type GatewayApiProvider,
  type GatewayHttpAsyncConfig,
  type GatewayHttpModuleAsyncOptions,
  type GatewayHttpModuleOptions,
} from './gateway-http.options.js';
import { resolveGatewayHttpSettings } from './gateway-http.settings.js';
import { ReadinessController } from './sessions/readiness.controller.js';
import { SessionsController } from './sessions/sessions.controller.js';
import { SessionStreamServer } from './stream/session-stream.server.js';
import { TimelinePageController } from '../timeline/timeline-page.controller.js';
import { TimelineController } from '../timeline/timeline.controller.js';

const ASYNC_CONFIG = Symbol.for('aside.http-api.async-config');

/** The surface every configuration shares: the global auth guard and error filter, and the stream. */
const shared: Provider[] = [
  { provide: APP_GUARD, useClass: BearerAuthGuard },
  { provide: APP_FILTER, useClass: ErrorResponseFilter },
  SessionStreamServer,
];

/**
 * The public HTTP + WebSocket surface of the gateway (DESIGN.md §5) over a `GatewayApi`:
 * the `/v1/sessions` routes, the session stream, `/readyz`, and the session timeline (its JSON
 * route and its page at `/timeline`). Compose it with
 * `HealthModule` for `/healthz` and `LoggingModule` for structured logs; boot with
 * `startHttpApp` (Fastify).
 *
 * Installs a global guard (bearer tokens from `apiTokens` or `ASIDE_API_TOKENS`; `/healthz`,
 * `/readyz` and `/metrics` stay open) and a global filter answering every error of the application as
 * `{ error: { code, message, details } }`.
 */
@Module({})
export class GatewayHttpModule {
  static forRoot(options: GatewayHttpModuleOptions): DynamicModule {
    return {
      module: GatewayHttpModule,
      imports: options.imports ?? [],
      controllers: [SessionsController, ReadinessController, TimelineController, TimelinePageController],
      providers: [
        apiProvider(options.api),
        { provide: GATEWAY_HTTP_SETTINGS, useFactory: () => resolveGatewayHttpSettings(options) },
        ...shared,
      ],
      exports: [GATEWAY_API],
    };
  }

  /** Like `@nestjs/bullmq`'s: the factory (with `inject` from `imports`) resolves the api and the settings. */
  static forRootAsync(options: GatewayHttpModuleAsyncOptions): DynamicModule {
    return {
      module: GatewayHttpModule,
      imports: options.imports ?? [],
      controllers: [SessionsController, ReadinessController, TimelineController, TimelinePageController],
      providers: [
        { provide: ASYNC_CONFIG, useFactory: options.useFactory, inject: options.inject ?? [] },
        { provide: GATEWAY_API, useFactory: (config: GatewayHttpAsyncConfig) => config.api, inject: [ASYNC_CONFIG] },
        { provide: GATEWAY_HTTP_SETTINGS, useFactory: (config: GatewayHttpAsyncConfig) => resolveGatewayHttpSettings(config), inject: [ASYNC_CONFIG] },
        ...shared,
      ],
      exports: [GATEWAY_API],
    };
  }
}

function apiProvider(api: GatewayApiProvider): Provider {
  if ('useValue' in api) return { provide: GATEWAY_API, useValue: api.useValue };
  if ('useClass' in api) return { provide: GATEWAY_API, useClass: api.useClass };
  if ('useExisting' in api) return { provide: GATEWAY_API, useExisting: api.useExisting };
  return { provide: GATEWAY_API, useFactory: api.useFactory, inject: api.inject ?? [] };
}
