// Lets a plain Node process run the workspace's TypeScript sources, decorators included, with
// no build: `.ts` files outside node_modules are compiled by swc as they load. Node's own type
// stripping cannot do this (it refuses decorators and emits no `design:paramtypes`, which Nest's
// constructor injection needs), so the settings mirror the Jest transform in jest.preset.js.
import { readFileSync } from 'node:fs';
import { registerHooks } from 'node:module';
import { fileURLToPath } from 'node:url';
import { transformSync } from '@swc/core';

/** tsconfig.base.json's `experimentalDecorators` + `emitDecoratorMetadata`, as swc options. */
const swcOptions = {
  jsc: {
    target: 'es2022',
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    keepClassNames: true,
  },
  module: { type: 'es6' },
  sourceMaps: 'inline',
  swcrc: false,
  configFile: false,
};

let registered = false;

/** Compiles one TypeScript file to an ES module. */
function compileTypeScript(source, filename) {
  return transformSync(source, { ...swcOptions, filename }).code;
}

export function registerTypeScriptSourceHooks() {
  if (registered) return;
  registered = true;
  registerHooks({
    resolve(specifier, context, nextResolve) {
      try {
        return nextResolve(specifier, context);
      } catch (error) {
        // The sources import each other as `./x.js` (what tsc emits); the file on disk is `./x.ts`.
        if (specifier.startsWith('.') && specifier.endsWith('.js')) return nextResolve(`${specifier.slice(0, -3)}.ts`, context);
        throw error;
      }
    },
    load(url, context, nextLoad) {
      if (!url.startsWith('file:') || !url.endsWith('.ts') || url.includes('/node_modules/')) return nextLoad(url, context);
      const filename = fileURLToPath(url);
      // Every workspace package is `"type": "module"`: its TypeScript is ES module source.
      return { format: 'module', source: compileTypeScript(readFileSync(filename, 'utf8'), filename), shortCircuit: true };
    },
  });
}
