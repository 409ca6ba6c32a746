// `node --conditions=@aside/source --import ./tools/node/register-typescript.js <file.ts>`:
// runs a workspace entry point from its TypeScript sources (workspace packages resolve to their
// `src` through the `@aside/source` export condition). Used by tests that spawn real processes.
import { registerTypeScriptSourceHooks } from './typescript-source-hooks.js';

registerTypeScriptSourceHooks();
