// Jest loads global setup files outside its own module system, so the workspace's TypeScript
// sources (which import each other as `./x.js`) are reached through Node's own type stripping,
// with `.js` specifiers that do not exist falling back to their `.ts` source.
import { registerHooks } from 'node:module';

let registered = false;

export function registerTypeScriptSourceHooks() {
  if (registered) return;
  registered = true;
  registerHooks({
    resolve(specifier, context, nextResolve) {
      try {
        return nextResolve(specifier, context);
      } catch (error) {
        if (specifier.startsWith('.') && specifier.endsWith('.js')) return nextResolve(`${specifier.slice(0, -3)}.ts`, context);
        throw error;
      }
    },
  });
}
