import type { LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { HttpSettings } from './http-settings.js';

/** Boots a Nest module on Fastify, with shutdown hooks so SIGTERM closes it in order. */
export async function startHttpApp(
  module: unknown,
  settings: HttpSettings,
  options: { logger?: false | LogLevel[] } = {},
): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(module as never, new FastifyAdapter(), {
    logger: options.logger ?? ['error', 'warn', 'log'],
  });
  app.enableShutdownHooks();
  await app.listen(settings.port, settings.host);
  return app;
}
