import { projectConfig } from '../../jest.preset.js';

export default projectConfig('nest', {
  globalSetup: '<rootDir>/../../tools/jest/redis-global-setup.js',
  globalTeardown: '<rootDir>/../../tools/jest/redis-global-teardown.js',
});
