import type { z } from 'zod';
import { formatPath, jsonTypeName, type ArgumentProblem } from './argument-problems.js';

/**
 * zod's issues in the words the LLM can act on: `city: required`, `count: expected number,
 * received string`, `extra: unknown key`; every other check keeps zod's own message
 * (`Too small: expected string to have >=2 characters`).
 *
 * A missing parameter is `required` whatever its type: zod reports a missing enum or literal as
 * an invalid option and a missing union as invalid input, which would tell the LLM to change a
 * value it never sent.
 */
export function describeIssues(issues: readonly z.core.$ZodIssue[], input: unknown): ArgumentProblem[] {
  // zod goes on checking a value of the wrong type (`min(2)` on an array); only the type matters.
  const wrongType = new Set(issues.filter((issue) => issue.code === 'invalid_type').map((issue) => formatPath(issue.path)));
  return issues.flatMap((issue): ArgumentProblem[] => {
    if (issue.code !== 'invalid_type' && wrongType.has(formatPath(issue.path))) return [];
    if (MISSING_VALUE_CODES.has(issue.code) && !valueAt(input, issue.path).present) return [{ path: formatPath(issue.path), reason: 'required' }];
    switch (issue.code) {
      case 'invalid_type':
        return [{ path: formatPath(issue.path), reason: `expected ${issue.expected}, received ${jsonTypeName(valueAt(input, issue.path).value)}` }];
      case 'unrecognized_keys':
        return issue.keys.map((key) => ({ path: formatPath([...issue.path, key]), reason: 'unknown key' }));
      default:
        return [{ path: formatPath(issue.path), reason: issue.message }];
    }
  });
}

/** The codes zod reports for a required value that is absent, depending on the value's type. */
const MISSING_VALUE_CODES: ReadonlySet<string> = new Set(['invalid_type', 'invalid_value', 'invalid_union']);

/** Follows own properties only, so a path like `constructor` never reaches a prototype. */
function valueAt(input: unknown, path: readonly PropertyKey[]): { present: boolean; value: unknown } {
  let current = input;
  for (const segment of path) {
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, segment)) {
      return { present: false, value: undefined };
    }
    current = (current as Record<PropertyKey, unknown>)[segment];
  }
  return { present: current !== undefined, value: current };
}
