import { projectConfig } from '../../jest.preset.js';

export default projectConfig('engine', {
  globalSetup: '<rootDir>/../../tools/jest/redis-global-setup.js',
  globalTeardown: '<rootDir>/../../tools/jest/redis-global-teardown.js',
});
