#!/usr/bin/env node
// `npx aside …` (the "aside" bin of @aside/agent-gateway): the built CLI when there is a build
// (`npm run build`), otherwise the same CLI straight from its TypeScript sources, compiled as
// they load — so it works right after `npm ci`. Workspace packages then resolve to their `src`
// through the `@aside/source` export condition, as in the tests.
import { existsSync } from 'node:fs';
import { registerHooks } from 'node:module';

const built = new URL('../dist/aside-cli/main.js', import.meta.url);
if (existsSync(built)) {
  await import(built.href);
} else {
  registerHooks({
    resolve: (specifier, context, nextResolve) => nextResolve(specifier, { ...context, conditions: ['@aside/source', ...context.conditions] }),
  });
  const { registerTypeScriptSourceHooks } = await import('../../../tools/node/typescript-source-hooks.js');
  registerTypeScriptSourceHooks();
  await import(new URL('../src/aside-cli/main.ts', import.meta.url).href);
}
