import { projectConfig } from '../../jest.preset.js';

export default projectConfig('tool-runner', {
  globalSetup: '<rootDir>/../../tools/jest/redis-global-setup.js',
  globalTeardown: '<rootDir>/../../tools/jest/redis-global-teardown.js',
});
