import 'reflect-metadata';
import { bootHttpService } from '@aside/nest';
import { RunnerAppModule } from './runner-app.module.js';

await bootHttpService({ name: 'tool-runner', module: RunnerAppModule, defaultPort: 3100 });
