import type { SpawnedProcess } from './spawned-process.js';
import { spawnTypeScript, type SpawnTypeScriptOptions } from './spawn-typescript.js';

/**
 * Ends every process, whatever state it is in: a stopped one is continued first (so nothing is
 * left frozen holding a lease or a socket), then each is killed and its exit awaited.
 */
export async function killAll(processes: readonly SpawnedProcess[]): Promise<void> {
  for (const child of processes) {
    child.signal('SIGCONT');
    child.signal('SIGKILL');
  }
  await Promise.all(processes.map((child) => child.exited));
}

/**
 * The processes one test spawned, tracked from the spawn on so that none escapes: call
 * `killAll()` in afterEach.
 */
export class ProcessRoster {
  private readonly spawned: SpawnedProcess[] = [];

  spawn(options: SpawnTypeScriptOptions): SpawnedProcess {
    return this.track(spawnTypeScript(options));
  }

  track(child: SpawnedProcess): SpawnedProcess {
    this.spawned.push(child);
    return child;
  }

  get processes(): readonly SpawnedProcess[] {
    return this.spawned;
  }

  /** Every process's output tail, for a failure message. */
  describe(tailChars?: number): string {
    return this.spawned.map((child) => child.describe(tailChars)).join('\n');
  }

  async killAll(): Promise<void> {
    await killAll(this.spawned.splice(0));
  }
}
