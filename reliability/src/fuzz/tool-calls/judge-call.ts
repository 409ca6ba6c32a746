import { isDeepStrictEqual } from 'node:util';
import { inheritanceProblem } from '../prototype-guard.js';
import type { Verdict } from '../verdict.js';
import type { CallObservation } from './fuzz-gateway.js';
import { BODY_RESULT } from './fuzz-tools.js';
import type { ExpectedAnswer, ExpectedProblem, ToolCallPayload } from './payload.js';
import { decisionOf, logProblems, outputOf, type CallOutput } from './session-log-checks.js';

/** A refusal is for the LLM's context: a hostile call must not make it long. */
const MAX_REFUSAL_LENGTH = 4_000;

/**
 * Whether the gateway answered the call right. A crash is anything that is not an answer — an
 * API call that threw, a session that never went quiet, an error in the gateway's log, a
 * generation that failed, a log with a gap or a call answered twice or never. A wrong answer
 * is an answer that is not the one owed: the wrong output, a body that ran when it must not
 * (or with other arguments), an imprecise refusal.
 */
export function judgeCall(payload: ToolCallPayload, observation: CallObservation): Verdict {
  const crash = [...(observation.failure ? [observation.failure] : []), ...observation.logged, ...logProblems(observation.events, observation.callId)];
  if (crash.length > 0) return { outcome: 'crash', detail: crash.join('; ') };
  const output = outputOf(observation.events, observation.callId)!;
  const decision = decisionOf(observation.events, observation.callId);
  const wrong = answerProblems(payload, payload.expected, output, decision, observation);
  return wrong.length > 0 ? { outcome: 'wrong', detail: wrong.join('; ') } : { outcome: 'right' };
}

function answerProblems(payload: ToolCallPayload, expected: ExpectedAnswer, output: CallOutput, decision: string | undefined, observation: CallObservation): string[] {
  const runs = observation.runs.filter((run) => run.sessionId === observation.sessionId);
  switch (expected.kind) {
    case 'runs': {
      const problems: string[] = [];
      if (decision !== 'dispatched') problems.push(`expected the body to run, but the call was answered ${decision}: ${clip(output.output)}`);
      if (runs.length !== 1) problems.push(`the body ran ${runs.length} times`);
      const args = runs[0]?.args;
      if (runs.length === 1 && !isDeepStrictEqual(args, expected.args)) problems.push(`the body got ${clip(safeJson(args))}, expected ${clip(safeJson(expected.args))}`);
      const inherited = runs.length === 1 ? inheritanceProblem(args) : undefined;
      if (inherited) problems.push(inherited);
      if (output.isError || output.output !== BODY_RESULT) problems.push(`the output is ${clip(output.output)} (isError ${output.isError})`);
      return problems;
    }
    case 'refused': {
      const problems = runs.length > 0 ? [`a body ran ${runs.length} times on arguments that must be refused`] : [];
      if (decision !== 'invalid_arguments') problems.push(`expected invalid_arguments, the call was ${decision ?? 'not decided'}`);
      if (!output.isError) problems.push('the refusal is not an error output');
      return [...problems, ...refusalProblems(payload.tool, expected, output.output)];
    }
    case 'answered': {
      const problems = runs.length > 0 ? [`a body ran ${runs.length} times`] : [];
      if (output.output !== expected.output || output.isError !== expected.isError) {
        problems.push(`the output is ${clip(output.output)} (isError ${output.isError}), expected ${clip(expected.output)} (isError ${expected.isError})`);
      }
      return problems;
    }
  }
}

/** The refusal names exactly the expected problems (`all`), or only expected ones (`any`). */
function refusalProblems(tool: string, expected: Extract<ExpectedAnswer, { kind: 'refused' }>, message: string): string[] {
  const prefix = `Error parsing arguments for \`${tool}\`: `;
  if (!message.startsWith(prefix)) return [`the refusal does not start with ${JSON.stringify(prefix)}: ${clip(message)}`];
  if (message.length > MAX_REFUSAL_LENGTH) return [`the refusal is ${message.length} characters long`];
  const { listed, more } = problemsIn(message.slice(prefix.length));
  const unexpected = listed.filter((problem) => !expected.problems.some((candidate) => names(problem, candidate)));
  const problems: string[] = [];
  if (listed.length === 0) problems.push('the refusal lists no problem');
  if (unexpected.length > 0) problems.push(`the refusal says ${clip(unexpected.join('; '))}, expected ${describe(expected.problems)}`);
  if (expected.match === 'all') {
    const missing = expected.problems.filter((candidate) => !listed.some((problem) => names(problem, candidate)));
    if (missing.length > 0) problems.push(`the refusal ${clip(message)} does not name ${describe(missing)}`);
  }
  if (expected.total !== undefined && listed.length + more !== expected.total) {
    problems.push(`the refusal counts ${listed.length + more} problems, there are ${expected.total}`);
  }
  return problems;
}

/** `path: reason; path: reason; and N more problems`. */
function problemsIn(text: string): { listed: string[]; more: number } {
  const parts = text.split('; ');
  const tail = /^and (\d+) more problems?$/.exec(parts.at(-1) ?? '');
  return { listed: tail ? parts.slice(0, -1) : parts, more: tail ? Number(tail[1]) : 0 };
}

function names(problem: string, expected: ExpectedProblem): boolean {
  return problem.startsWith(`${expected.path}: `) && expected.reason.test(problem.slice(expected.path.length + 2));
}

function describe(problems: readonly ExpectedProblem[]): string {
  const shown = problems.slice(0, 3).map((problem) => `${problem.path}: ${problem.reason.source}`);
  return clip(shown.join('; ') + (problems.length > 3 ? ` (and ${problems.length - 3} more)` : ''));
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

export function clip(text: string, max = 300): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length} characters)`;
}
