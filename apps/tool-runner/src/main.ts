import 'reflect-metadata';
import { readHttpSettings, startHttpApp } from '@aside/nest';
import { RunnerAppModule } from './runner-app.module.js';

try {
  const settings = readHttpSettings(process.env, { port: 3100, host: '127.0.0.1' });
  const app = await startHttpApp(RunnerAppModule, settings);
  console.log(`tool-runner listening on ${await app.getUrl()}`);
} catch (error) {
  console.error(`tool-runner failed to start: ${(error as Error).message}`);
  process.exit(1);
}
