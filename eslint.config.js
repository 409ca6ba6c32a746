// Lint exists for one job: keeping the architecture honest. The dependency direction of
// DESIGN.md §1 (apps → nest/adapters → domain → events) is enforced by Nx's module-boundary
// rule over the real project graph; the pure core may import zod and the pure entry point of
// @aside/events and nothing else.
import nx from '@nx/eslint-plugin';
import tsParser from '@typescript-eslint/parser';

const ioPackages = ['@nestjs/*', 'ioredis', 'bullmq', 'openai', '@livekit/*', 'livekit-server-sdk', 'pino', 'fastify'];

/**
 * Which project may depend on which. Test files may also use the shared test support
 * (scope:testing), which production code never does.
 */
function boundaries({ testsMayUse }) {
  const may = (...tags) => [...tags, ...testsMayUse];
  return {
    enforceBuildableLibDependency: false,
    allow: [],
    depConstraints: [
      { sourceTag: 'scope:events', onlyDependOnLibsWithTags: may(), bannedExternalImports: ['@nestjs/*', 'bullmq', 'openai', '@livekit/*'] },
      { sourceTag: 'scope:domain', onlyDependOnLibsWithTags: may('scope:events'), allowedExternalImports: ['zod', 'fast-check', '@jest/globals'] },
      { sourceTag: 'scope:testing', onlyDependOnLibsWithTags: ['scope:events', 'scope:domain', 'scope:testing'] },
      { sourceTag: 'scope:adapters', onlyDependOnLibsWithTags: may('scope:events', 'scope:domain', 'scope:engine') },
      { sourceTag: 'scope:engine', onlyDependOnLibsWithTags: may('scope:events', 'scope:domain', 'scope:adapters') },
      { sourceTag: 'scope:nest', onlyDependOnLibsWithTags: may('scope:events', 'scope:domain', 'scope:adapters', 'scope:engine') },
      { sourceTag: 'scope:app', onlyDependOnLibsWithTags: may('scope:events', 'scope:domain', 'scope:adapters', 'scope:engine', 'scope:nest') },
      { sourceTag: 'scope:bench', onlyDependOnLibsWithTags: ['scope:events', 'scope:domain', 'scope:adapters', 'scope:engine', 'scope:nest', 'scope:testing'] },
      { sourceTag: 'scope:tools', onlyDependOnLibsWithTags: [] },
    ],
  };
}

export default [
  { ignores: ['**/dist/**', '**/node_modules/**', '.nx/**', 'coverage/**'] },
  {
    files: ['**/*.ts'],
    languageOptions: { parser: tsParser, parserOptions: { ecmaVersion: 2023, sourceType: 'module' } },
    plugins: { '@nx': nx },
    rules: {
      '@nx/enforce-module-boundaries': ['error', boundaries({ testsMayUse: [] })],
    },
  },
  {
    files: ['**/test/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': ['error', boundaries({ testsMayUse: ['scope:testing'] })] },
  },
  {
    // The pure core reaches @aside/events only through its pure entry point: the store entry
    // point drags ioredis in.
    files: ['libs/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@aside/events/*'], message: 'libs/domain may import only the pure entry point "@aside/events".' },
            { group: ioPackages, message: 'libs/domain is IO-free: no Nest, Redis, BullMQ, OpenAI or LiveKit.' },
            { group: ['node:*', 'fs', 'path', 'crypto', 'http', 'net', 'os', 'child_process', 'timers'], message: 'libs/domain is IO-free: no Node built-ins.' },
          ],
        },
      ],
    },
  },
];
