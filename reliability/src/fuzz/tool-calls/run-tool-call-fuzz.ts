import type { CrashWatch } from '../crash-watch.js';
import type { FuzzReport } from '../fuzz-report.js';
import { PrototypeGuard } from '../prototype-guard.js';
import type { Verdict } from '../verdict.js';
import { FuzzGateway } from './fuzz-gateway.js';
import { judgeCall } from './judge-call.js';
import { planPayloads } from './payload-mix.js';
import type { PayloadRecipe, ToolCallPayload } from './payload.js';

export interface ToolCallFuzzOptions {
  readonly payloads: number;
  readonly seed: number;
  /** Stop starting payloads at this time (`Date.now()`); the rest count as skipped. */
  readonly deadline: number;
  readonly report: FuzzReport;
  readonly crashes: CrashWatch;
  readonly log: (line: string) => void;
}

/** A fresh gateway every so many calls: the in-memory store and the fake model's request log stay small. */
const CALLS_PER_GATEWAY = 100;
/** A call that has not gone quiet by then is a hang. */
const CALL_TIMEOUT_MS = 30_000;

/**
 * Drives every planned payload through the real gateway path, one session per payload, and
 * records how each was answered. Between payloads it checks what no single answer shows: that
 * no prototype changed and nothing escaped the process's handlers.
 */
export async function runToolCallFuzz(options: ToolCallFuzzOptions): Promise<void> {
  const recipes = planPayloads(options.payloads, options.seed);
  const guard = new PrototypeGuard();
  let gateway: FuzzGateway | undefined;
  try {
    for (const [index, recipe] of recipes.entries()) {
      if (Date.now() > options.deadline) {
        options.report.skipped += recipes.length - index;
        options.log(`tool calls: time budget spent after ${index} of ${recipes.length}`);
        break;
      }
      gateway ??= await FuzzGateway.start();
      const payload = recipe.build();
      const observation = await gateway.serve(payload, String(index), CALL_TIMEOUT_MS);
      const verdict = withProcessProblems(judgeCall(payload, observation), guard, options.crashes);
      const failure = options.report.record({ inputClass: `tool-call/${recipe.class}`, kind: recipe.kind, index, text: () => describePayload(payload) }, verdict);
      if (failure) options.log(`tool call #${index} (${recipe.class} ${recipe.kind}): ${failure.outcome}: ${failure.detail}`);
      // A crashed gateway is not trusted with the next payload.
      if (verdict.outcome === 'crash' || gateway.callsServed >= CALLS_PER_GATEWAY) {
        await gateway.close();
        gateway = undefined;
      }
      logProgress(options.log, index + 1, recipes);
    }
  } finally {
    await gateway?.close();
  }
}

/** A prototype changed or something escaped the handlers while this payload was served: a crash. */
function withProcessProblems(verdict: Verdict, guard: PrototypeGuard, crashes: CrashWatch): Verdict {
  const problems = [...guard.changes(), ...crashes.take()];
  if (problems.length === 0) return verdict;
  return { outcome: 'crash', detail: [...problems, ...(verdict.outcome === 'right' ? [] : [verdict.detail])].join('; ') };
}

function describePayload(payload: ToolCallPayload): string {
  return `${payload.tool} ${payload.rawArguments}`;
}

function logProgress(log: (line: string) => void, done: number, recipes: readonly PayloadRecipe[]): void {
  if (done % 1_000 === 0 || done === recipes.length) log(`tool calls: ${done}/${recipes.length}`);
}
