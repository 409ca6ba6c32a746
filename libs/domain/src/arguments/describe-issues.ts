import type { z } from 'zod';
import { formatPath, jsonTypeName, type ArgumentProblem } from './argument-problems.js';

/**
 * zod's issues in the words the LLM can act on: `city: required`, `count: expected number,
 * received string`, `extra: unknown key`; every other check keeps zod's own message
 * (`Too small: expected string to have >=2 characters`).
 */
export function describeIssues(issues: readonly z.core.$ZodIssue[], input: unknown): ArgumentProblem[] {
  // zod goes on checking a value of the wrong type (`min(2)` on an array); only the type matters.
  const wrongType = new Set(issues.filter((issue) => issue.code === 'invalid_type').map((issue) => formatPath(issue.path)));
  return issues.flatMap((issue): ArgumentProblem[] => {
    if (issue.code !== 'invalid_type' && wrongType.has(formatPath(issue.path))) return [];
    switch (issue.code) {
      case 'invalid_type': {
        const found = valueAt(input, issue.path);
        const reason = found.present ? `expected ${issue.expected}, received ${jsonTypeName(found.value)}` : 'required';
        return [{ path: formatPath(issue.path), reason }];
      }
      case 'unrecognized_keys':
        return issue.keys.map((key) => ({ path: formatPath([...issue.path, key]), reason: 'unknown key' }));
      default:
        return [{ path: formatPath(issue.path), reason: issue.message }];
    }
  });
}

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
