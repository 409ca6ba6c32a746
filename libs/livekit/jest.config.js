import { projectConfig } from '../../jest.preset.js';

// Redis for the room-session directory's contract suite (REDIS_URL, or a private redis-server).
export default projectConfig('livekit', {
  globalSetup: '<rootDir>/../../tools/jest/redis-global-setup.js',
  globalTeardown: '<rootDir>/../../tools/jest/redis-global-teardown.js',
});
