import 'reflect-metadata';
import { readHttpSettings, startHttpApp } from '@aside/nest';
import { GatewayAppModule } from './gateway-app.module.js';

try {
  const settings = readHttpSettings(process.env, { port: 3000, host: '127.0.0.1' });
  const app = await startHttpApp(GatewayAppModule, settings);
  console.log(`agent-gateway listening on ${await app.getUrl()}`);
} catch (error) {
  console.error(`agent-gateway failed to start: ${(error as Error).message}`);
  process.exit(1);
}
