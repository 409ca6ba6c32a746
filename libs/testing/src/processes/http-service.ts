import { eventually } from './eventually.js';
import type { SpawnedProcess } from './spawned-process.js';

const BOOT_TIMEOUT_MS = 20_000;

/** GET <url>/readyz's status, or 0 when nothing answers (not listening yet, stopped, or gone). */
export async function readiness(url: string): Promise<number> {
  try {
    return (await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(2_000) })).status;
  } catch {
    return 0;
  }
}

/** What GET <url>/readyz answered, and how long it took (a probe must answer within its deadline, Redis or not). */
export interface ReadinessAnswer {
  readonly status: number;
  readonly body: { readonly ready: boolean; readonly checks: Readonly<Record<string, string>> };
  readonly tookMs: number;
}

export async function probeReadiness(url: string): Promise<ReadinessAnswer> {
  const started = Date.now();
  const response = await fetch(`${url}/readyz`);
  return { status: response.status, body: (await response.json()) as ReadinessAnswer['body'], tookMs: Date.now() - started };
}

/**
 * Waits until an HTTP service of this workspace (booted by `bootHttpService`, which prints
 * `<service> listening on <url>`) listens and its /readyz answers 200; resolves with its URL.
 * Fails at once if the process exits meanwhile, with its output.
 */
export async function waitUntilServing(child: SpawnedProcess, service: string, timeoutMs = BOOT_TIMEOUT_MS): Promise<string> {
  const [, url] = await child.waitForLine(new RegExp(`^${service} listening on (\\S+)`), { timeoutMs });
  await eventually(
    `${child.name} ready (GET /readyz 200)`,
    async () => {
      if (child.hasExited) throw new Error(`${child.name} exited while starting\n${child.describe()}`);
      return (await readiness(url!)) === 200;
    },
    { timeoutMs, detail: () => child.describe() },
  );
  return url!;
}
