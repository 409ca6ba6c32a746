import { projectConfig } from '../../jest.preset.js';

// Redis for the distributed scenarios: a private redis-server (or REDIS_URL) per Jest run.
export default projectConfig('agent-gateway', {
  globalSetup: '<rootDir>/../../tools/jest/redis-global-setup.js',
  globalTeardown: '<rootDir>/../../tools/jest/redis-global-teardown.js',
});
