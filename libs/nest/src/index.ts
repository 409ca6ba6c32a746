// NestJS building blocks the two apps compose.
export { HealthModule } from './health/health.module.js';
export { readHttpSettings } from './http/http-settings.js';
export type { HttpSettings } from './http/http-settings.js';
export { startHttpApp } from './http/start-http-app.js';
export { bootHttpService } from './http/boot-http-service.js';
