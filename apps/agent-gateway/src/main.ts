import 'reflect-metadata';
import { bootHttpService } from '@aside/nest';
import { GatewayAppModule } from './gateway-app.module.js';

await bootHttpService({ name: 'agent-gateway', module: GatewayAppModule, defaultPort: 3000 });
