// Real processes for tests: spawn a workspace entry point from its TypeScript sources, read its
// output as lines, signal it, and leave none behind.
export { eventually, type EventuallyOptions } from './eventually.js';
export { probeReadiness, readiness, waitUntilServing, type ReadinessAnswer } from './http-service.js';
export { killAll, ProcessRoster } from './process-roster.js';
export { fileBeside, spawnTypeScript, type SpawnTypeScriptOptions } from './spawn-typescript.js';
export { SpawnedProcess, type ProcessExit, type WaitForLineOptions } from './spawned-process.js';
export { workspaceRoot } from './workspace-root.js';
