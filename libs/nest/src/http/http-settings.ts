import { z } from 'zod';

const portSchema = z.coerce.number().int().min(0).max(65_535);

export interface HttpSettings {
  readonly port: number;
  readonly host: string;
}

/**
 * Reads PORT (and HOST) from the environment. A malformed value fails at boot with one line
 * that names the variable, instead of a server quietly listening somewhere else.
 */
export function readHttpSettings(env: NodeJS.ProcessEnv, defaults: HttpSettings): HttpSettings {
  const port = env['PORT'] === undefined || env['PORT'] === '' ? defaults.port : portSchema.safeParse(env['PORT']);
  if (typeof port !== 'number' && !port.success) {
    throw new Error(`PORT must be an integer from 0 to 65535, got "${env['PORT']}"`);
  }
  return { port: typeof port === 'number' ? port : port.data, host: env['HOST'] || defaults.host };
}
