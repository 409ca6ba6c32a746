import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { IncomingHttpHeaders } from 'node:http';
import { ApiError } from '../errors/api-error.js';

const JSON_TYPE = /^application\/(?:[a-z0-9.+-]+\+)?json\s*(?:;|$)/i;

/**
 * Bodies are JSON. Fastify itself refuses types it has no parser for, but it (and Nest) parse
 * `text/plain` and form bodies too: those are refused here with 415 before validation. A
 * request without a body and without a content type goes on to validation (a 400 naming the
 * missing fields).
 */
@Injectable()
export class JsonBodyGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<{ headers: IncomingHttpHeaders; body?: unknown }>();
    const type = request.headers['content-type'];
    if (type === undefined && request.body === undefined) return true;
    if (type !== undefined && JSON_TYPE.test(type)) return true;
    throw new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', 'The request body must be application/json');
  }
}
