import type { CrashWatch } from '../crash-watch.js';
import type { FuzzReport } from '../fuzz-report.js';
import { PrototypeGuard } from '../prototype-guard.js';
import type { Verdict } from '../verdict.js';
import { FuzzHttpApp, FUZZ_REQUEST_TIMEOUT_MS, FUZZ_TOKEN } from './fuzz-http-app.js';
import type { HttpCase, HttpRecipe, HttpTarget } from './http-case.js';
import { planRequests } from './http-mix.js';
import { judgeResponse } from './judge-response.js';
import { sendRequest } from './send-request.js';
import { livenessProbe } from './valid-requests.js';

export interface HttpFuzzOptions {
  readonly bodies: number;
  readonly seed: number;
  /** Stop starting requests at this time (`Date.now()`); the rest count as skipped. */
  readonly deadline: number;
  readonly report: FuzzReport;
  readonly crashes: CrashWatch;
  readonly log: (line: string) => void;
}

/** Requests in flight at once: a request that must time out should not hold the others up. */
const CONCURRENCY = 4;
/** Every this many requests, a well-formed one must still succeed; the session routes aim at a fresh session. */
const BATCH = 50;
/** Beyond the server's own request timeout, how long an answer may take before it counts as a hang. */
const ANSWER_GRACE_MS = 5_000;

/**
 * Sends every planned request to the real app, a few at a time, and records how each was
 * answered. Every `BATCH` requests (and at the end) a liveness probe — a well-formed request —
 * must succeed, and the session routes move to a fresh session. No batch waits for its slowest
 * request: one the server must time out does not hold the others up.
 */
export async function runHttpFuzz(options: HttpFuzzOptions): Promise<void> {
  if (options.bodies <= 0) return;
  const recipes = planRequests(options.bodies, options.seed);
  const guard = new PrototypeGuard();
  const app = await FuzzHttpApp.start();
  let target: HttpTarget = { token: FUZZ_TOKEN, sessionId: await app.newSession() };
  let skippedFrom: number | undefined;
  try {
    await inPool(recipes.length, CONCURRENCY, async (index) => {
      if (skippedFrom !== undefined || Date.now() > options.deadline) {
        skippedFrom ??= index;
        return;
      }
      if (index > 0 && index % BATCH === 0) {
        await probe(options, guard, app, target, index);
        target = { token: FUZZ_TOKEN, sessionId: await app.newSession() };
      }
      const recipe = recipes[index]!;
      const built = recipe.build(target);
      record(options, guard, recipe, index, built, await send(app, built));
    });
    await probe(options, guard, app, target, recipes.length);
  } finally {
    await app.close();
  }
  if (skippedFrom !== undefined) {
    options.report.skipped += recipes.length - skippedFrom;
    options.log(`http: time budget spent after ${skippedFrom} of ${recipes.length}`);
  }
  options.log(`http: ${recipes.length} requests planned`);
}

async function send(app: FuzzHttpApp, built: HttpCase): Promise<Verdict> {
  const result = await sendRequest(app.port, built.request, FUZZ_REQUEST_TIMEOUT_MS + ANSWER_GRACE_MS);
  return judgeResponse(result, built.expected);
}

async function probe(options: HttpFuzzOptions, guard: PrototypeGuard, app: FuzzHttpApp, target: HttpTarget, index: number): Promise<void> {
  const built = livenessProbe.build(target);
  record(options, guard, livenessProbe, index, built, await send(app, built));
}

function record(options: HttpFuzzOptions, guard: PrototypeGuard, recipe: HttpRecipe, index: number, built: HttpCase, judged: Verdict): void {
  const problems = [...guard.changes(), ...options.crashes.take()];
  const verdict: Verdict = problems.length === 0 ? judged : { outcome: 'crash', detail: [...problems, ...(judged.outcome === 'right' ? [] : [judged.detail])].join('; ') };
  const failure = options.report.record({ inputClass: `http/${recipe.class}`, kind: recipe.kind, index, text: () => describeRequest(built) }, verdict);
  if (failure) options.log(`http #${index} (${recipe.class} ${recipe.kind}): ${failure.outcome}: ${failure.detail}`);
}

function describeRequest(built: HttpCase): string {
  const { method, path, headers, body } = built.request;
  const shown = Object.entries(headers).map(([name, value]) => `${name}: ${value.length > 40 ? `${value.slice(0, 40)}…` : value}`);
  return `${method} ${path} [${shown.join(', ')}] ${body === undefined ? '' : Buffer.isBuffer(body) ? body.toString('latin1') : body}`;
}

/** Runs `work` for indexes 0…count-1, at most `limit` at a time, in order of start. */
async function inPool(count: number, limit: number, work: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) await work(next++);
  };
  await Promise.all(Array.from({ length: Math.min(limit, count) }, worker));
}
