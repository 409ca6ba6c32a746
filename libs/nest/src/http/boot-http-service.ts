import { readHttpSettings } from './http-settings.js';
import { startHttpApp } from './start-http-app.js';

/**
 * The whole `main` of an HTTP service: settings from the environment, boot, one line saying
 * where it listens — or one line saying why it could not start, and exit code 1.
 */
export async function bootHttpService(options: { name: string; module: unknown; defaultPort: number }): Promise<void> {
  try {
    const settings = readHttpSettings(process.env, { port: options.defaultPort, host: '127.0.0.1' });
    const app = await startHttpApp(options.module, settings);
    console.log(`${options.name} listening on ${await app.getUrl()}`);
  } catch (error) {
    console.error(`${options.name} failed to start: ${(error as Error).message}`);
    process.exit(1);
  }
}
