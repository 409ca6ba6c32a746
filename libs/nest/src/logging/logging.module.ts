import { Inject, Logger, Module, RequestMethod, type DynamicModule } from '@nestjs/common';
import { LoggerModule, Logger as PinoNestLogger, type Params } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { readLoggingSettings, type LogLevelName } from './logging-settings.js';
import { pinoHttpOptions } from './pino-http-options.js';

export interface LoggingModuleOptions {
  /** Default: `LOG_LEVEL`, else `info`. `silent` logs nothing (tests). */
  readonly level?: LogLevelName;
  /** Default: pretty when stdout is a terminal and pino-pretty is installed, JSON lines otherwise. */
  readonly pretty?: boolean;
  /** Where JSON lines go instead of stdout (tests capture logs this way). Never pretty. */
  readonly destination?: DestinationStream;
}

/**
 * Structured logging with pino through nestjs-pino: request logs (see `pinoHttpOptions`) and
 * Nest's own logs (`new Logger(context)` anywhere), all as JSON lines — or pretty ones on a
 * terminal. Settings are read when the application boots, not when this module is imported.
 */
@Module({})
export class LoggingModule {
  /** What `app.useLogger(app.get(Logger))` does, done by composing the module. */
  constructor(@Inject(PinoNestLogger) logger: PinoNestLogger) {
    Logger.overrideLogger(logger);
  }

  static forRoot(options: LoggingModuleOptions = {}): DynamicModule {
    return {
      module: LoggingModule,
      imports: [LoggerModule.forRootAsync({ useFactory: () => loggerParams(options) })],
    };
  }
}

/**
 * Every request. nestjs-pino's default route (`{/*splat}`) matches nothing on
 * @nestjs/platform-fastify 12.5, so no request would be logged; `*path` matches them all.
 */
const ALL_ROUTES: NonNullable<Params['forRoutes']> = [{ path: '*path', method: RequestMethod.ALL }];

async function loggerParams(options: LoggingModuleOptions): Promise<Params> {
  const settings = readLoggingSettings(process.env, process.stdout.isTTY === true);
  const http = pinoHttpOptions(options.level ?? settings.level);
  if (options.destination) return { pinoHttp: [http, options.destination], forRoutes: ALL_ROUTES };
  const pretty = (options.pretty ?? settings.pretty) ? await prettyStream() : undefined;
  return { pinoHttp: pretty ? [http, pretty] : http, forRoutes: ALL_ROUTES };
}

/** pino-pretty is a development dependency: without it, logs stay JSON lines. */
async function prettyStream(): Promise<DestinationStream | undefined> {
  try {
    const { default: pretty } = await import('pino-pretty');
    return pretty({ colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' });
  } catch {
    return undefined;
  }
}
