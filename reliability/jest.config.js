import { projectConfig } from '../jest.preset.js';

export default projectConfig('reliability', {
  globalSetup: '<rootDir>/../tools/jest/redis-global-setup.js',
  globalTeardown: '<rootDir>/../tools/jest/redis-global-teardown.js',
});
