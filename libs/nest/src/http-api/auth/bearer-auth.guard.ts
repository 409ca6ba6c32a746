import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { IncomingHttpHeaders } from 'node:http';
import { ApiError } from '../errors/api-error.js';
import { GATEWAY_HTTP_SETTINGS } from '../gateway-http.options.js';
import type { GatewayHttpSettings } from '../gateway-http.settings.js';
import { TIMELINE_PAGE_ROUTES } from '../../timeline/timeline-page-routes.js';
import { bearerToken } from './api-tokens.js';

/**
 * Routes open without a token: probes and the Prometheus scrape must work for orchestrators that
 * hold no secret; the timeline page's static files hold no data (the page calls the API with a token).
 */
export const PUBLIC_ROUTES: ReadonlySet<string> = new Set(['/healthz', '/readyz', '/metrics', ...TIMELINE_PAGE_ROUTES]);

/** The parts of a Fastify request the guard reads (the route pattern, not the raw URL). */
interface RoutedRequest {
  readonly routeOptions?: { readonly url?: string };
  readonly headers: IncomingHttpHeaders;
}

export function unauthorized(): ApiError {
  return new ApiError(401, 'UNAUTHORIZED', 'A valid bearer token is required');
}

/**
 * Global guard: when tokens are configured, every route but the probes needs
 * `Authorization: Bearer <token>`. (The WebSocket stream checks the same tokens on upgrade.)
 */
@Injectable()
export class BearerAuthGuard implements CanActivate {
  constructor(@Inject(GATEWAY_HTTP_SETTINGS) private readonly settings: GatewayHttpSettings) {}

  canActivate(context: ExecutionContext): boolean {
    const { tokens } = this.settings;
    if (!tokens.enabled || context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<RoutedRequest>();
    if (PUBLIC_ROUTES.has(request.routeOptions?.url ?? '')) return true;
    if (tokens.accepts(bearerToken(request.headers.authorization))) return true;
    throw unauthorized();
  }
}
