import { readHttpSettings } from './http-settings.js';
import { startHttpApp } from './start-http-app.js';

/**
 * The whole `main` of an HTTP service: settings from the environment, boot, one line saying
 * where it listens — or one line saying why it could not start, and exit code 1.
 */
export async function bootHttpService(options: { name: string; module: unknown; defaultPort: number }): Promise<void> {
  exitZeroAfterGracefulShutdown();
  try {
    const settings = readHttpSettings(process.env, { port: options.defaultPort, host: '127.0.0.1' });
    const app = await startHttpApp(options.module, settings);
    console.log(`${options.name} listening on ${await app.getUrl()}`);
  } catch (error) {
    console.error(`${options.name} failed to start: ${(error as Error).message}`);
    process.exit(1);
  }
}

/**
 * Nest's shutdown hooks close the app on SIGTERM/SIGINT and then raise the signal again, so a
 * service that drained and handed its work over would still die "killed by SIGTERM" (143),
 * which a supervisor reads as a crash. Listening here keeps that second delivery from killing
 * the process: once Nest's own listener is gone (its shutdown finished), it exits 0. While Nest
 * is still shutting down, a repeated signal changes nothing.
 */
function exitZeroAfterGracefulShutdown(): void {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      if (process.listenerCount(signal) === 1) process.exit(0);
    });
  }
}
