import { spawn } from 'node:child_process';
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { SpawnedProcess } from './spawned-process.js';
import { workspaceRoot } from './workspace-root.js';

export interface SpawnTypeScriptOptions {
  /** Names the process in failure messages and echoed output. */
  readonly name: string;
  /** The TypeScript entry point, absolute or relative to the repository root. */
  readonly entry: string;
  readonly args?: readonly string[];
  /** Laid over the test process's own environment. */
  readonly env?: Readonly<Record<string, string>>;
  /** Echo its output live to stderr, prefixed with its name. Default: when ASIDE_TEST_PROCESS_OUTPUT is set. */
  readonly echo?: boolean;
}

/** Compiles the workspace's TypeScript (decorators included) as it loads: no build needed. */
const registerTypeScript = pathToFileURL(`${workspaceRoot}tools/node/register-typescript.js`).href;
// Beside this module, in its own language: `.ts` from the sources, `.js` from a build.
const exitWithParent = new URL(`./exit-with-parent${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url).href;

/**
 * Starts a real Node process from the workspace's TypeScript sources, the way the project's
 * CLIs are started in the tests: the same Node binary, workspace packages resolved to their
 * sources (`@aside/source`), source maps for readable stacks, and a guard that ends the
 * process should the test process die without cleaning up.
 */
export function spawnTypeScript(options: SpawnTypeScriptOptions): SpawnedProcess {
  const entry = isAbsolute(options.entry) ? options.entry : resolve(workspaceRoot, options.entry);
  const child = spawn(
    process.execPath,
    ['--conditions=@aside/source', '--enable-source-maps', '--import', registerTypeScript, '--import', exitWithParent, entry, ...(options.args ?? [])],
    {
      cwd: workspaceRoot,
      env: { ...process.env, ...options.env, ASIDE_TEST_PARENT_PID: String(process.pid) },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  return new SpawnedProcess(options.name, child, options.echo ?? Boolean(process.env['ASIDE_TEST_PROCESS_OUTPUT']));
}

/** The path of a file beside a module, for `entry` or a `--tools`/`--agents` argument: `fileBeside(import.meta.url, './x.ts')`. */
export function fileBeside(moduleUrl: string, relative: string): string {
  return fileURLToPath(new URL(relative, moduleUrl));
}
