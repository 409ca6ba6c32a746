// One Jest run over every project: `npm test` drives this, `nx run-many -t test` drives each
// project's own jest.config.js — the same configs either way.
export default {
  projects: ['<rootDir>/libs/*/jest.config.js', '<rootDir>/apps/*/jest.config.js', '<rootDir>/reliability/jest.config.js', '<rootDir>/tools/architecture/jest.config.js'],
  reporters: ['default', '<rootDir>/tools/jest/pass-fail-summary-reporter.js'],
};
