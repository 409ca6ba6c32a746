import { fileURLToPath } from 'node:url';

/** The repository root (this file is libs/testing/src/processes/workspace-root.ts): where spawned processes run. */
export const workspaceRoot = fileURLToPath(new URL('../../../../', import.meta.url));
