import type { Verdict } from '../verdict.js';
import type { ExpectedResponse } from './http-case.js';
import type { SendResult } from './send-request.js';

/** An error body is for a client to read: thousands of keys must not make it megabytes long. */
const MAX_ERROR_BODY_BYTES = 16 * 1024;

interface ErrorBody {
  readonly error: { readonly code: unknown; readonly message: unknown; readonly details: unknown };
}

/**
 * Whether the API answered right: no answer (a hang, a dropped connection) or a 5xx is a crash;
 * another status, another error code, an error body not of the API's shape, one that does not
 * name the expected problem, or one that is huge, is a wrong answer.
 */
export function judgeResponse(result: SendResult, expected: ExpectedResponse): Verdict {
  if (!result.ok) return { outcome: 'crash', detail: `no answer: ${result.failure}` };
  const { status, headers, text } = result.response;
  if (status >= 500) return { outcome: 'crash', detail: `answered ${status}: ${text.slice(0, 300)}` };
  if (status !== expected.status) return { outcome: 'wrong', detail: `answered ${status}, expected ${expected.status}: ${text.slice(0, 300)}` };
  if (status < 400) return { outcome: 'right' };
  const problems = errorBodyProblems(text, expected);
  if (status === 401 && !/^Bearer/.test(String(headers['www-authenticate'] ?? ''))) problems.push('a 401 without WWW-Authenticate: Bearer');
  return problems.length === 0 ? { outcome: 'right' } : { outcome: 'wrong', detail: `${status}: ${problems.join('; ')}` };
}

function errorBodyProblems(text: string, expected: ExpectedResponse): string[] {
  if (Buffer.byteLength(text) > MAX_ERROR_BODY_BYTES) return [`the error body is ${Buffer.byteLength(text)} bytes long`];
  let body: ErrorBody;
  try {
    body = JSON.parse(text) as ErrorBody;
  } catch {
    return [`the error body is not JSON: ${text.slice(0, 200)}`];
  }
  const { code, message, details } = body?.error ?? {};
  if (typeof code !== 'string' || typeof message !== 'string' || message === '' || typeof details !== 'object' || details === null) {
    return [`the error body is not { error: { code, message, details } }: ${text.slice(0, 200)}`];
  }
  if (expected.code !== undefined && code !== expected.code) return [`code ${code}, expected ${expected.code}: ${message}`];
  return issueProblems(details as { issues?: unknown }, expected);
}

/** Each expected issue is listed: an issue at its path (or below it) whose message mentions what it must. */
function issueProblems(details: { issues?: unknown }, expected: ExpectedResponse): string[] {
  if (expected.issues === undefined) return [];
  const issues = Array.isArray(details.issues) ? (details.issues as { path?: unknown; message?: unknown }[]) : [];
  if (issues.length === 0) return ['no issues listed'];
  const under = (path: unknown, prefix: readonly unknown[]) => Array.isArray(path) && prefix.every((segment, index) => path[index] === segment);
  return expected.issues.flatMap((wanted) => {
    const found = issues.some((issue) => under(issue.path, wanted.path) && (wanted.mentions === undefined || String(issue.message).includes(wanted.mentions)));
    return found ? [] : [`no issue at ${JSON.stringify(wanted.path)}${wanted.mentions ? ` mentioning ${wanted.mentions}` : ''} among ${JSON.stringify(issues).slice(0, 300)}`];
  });
}
