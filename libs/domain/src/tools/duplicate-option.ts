import type { DuplicateMode, DuplicatePolicy } from './descriptors.js';

/** How a definition states its duplicate policy: a mode alone means `scope: 'name'`. */
export type DuplicateOption =
  | DuplicateMode
  | { readonly mode: DuplicateMode; readonly scope?: DuplicatePolicy['scope'] };

const MODES: readonly DuplicateMode[] = ['allow', 'reject', 'replace', 'confirm', 'attach'];
const SCOPES: readonly DuplicatePolicy['scope'][] = ['name', 'name_and_args'];

/** SEMANTICS.md §4: a bare tool rejects duplicates, a toolset asks the LLM to confirm. */
export const BARE_TOOL_DUPLICATE_POLICY: DuplicatePolicy = Object.freeze({ mode: 'reject', scope: 'name' });
export const TOOLSET_DUPLICATE_POLICY: DuplicatePolicy = Object.freeze({ mode: 'confirm', scope: 'name' });

/**
 * Turns an option into a policy, or names what is wrong with it. `attach` joins a running task
 * with the same arguments, so it only makes sense when arguments are compared: alone it implies
 * `name_and_args`, and an explicit `scope: 'name'` is refused.
 */
export function normaliseDuplicateOption(option: unknown): DuplicatePolicy | string {
  const { mode, scope } = typeof option === 'string' ? { mode: option, scope: undefined } : readObject(option);
  if (!MODES.includes(mode as DuplicateMode)) {
    return `onDuplicate mode must be one of ${MODES.join(', ')}, got ${describe(mode)}`;
  }
  if (scope !== undefined && !SCOPES.includes(scope as DuplicatePolicy['scope'])) {
    return `onDuplicate scope must be one of ${SCOPES.join(', ')}, got ${describe(scope)}`;
  }
  if (mode === 'attach') {
    if (scope === 'name') return "onDuplicate mode 'attach' needs scope 'name_and_args'";
    return Object.freeze({ mode: 'attach', scope: 'name_and_args' });
  }
  return Object.freeze({ mode: mode as DuplicateMode, scope: (scope ?? 'name') as DuplicatePolicy['scope'] });
}

function readObject(option: unknown): { mode: unknown; scope: unknown } {
  if (typeof option !== 'object' || option === null) return { mode: option, scope: undefined };
  const record = option as { mode?: unknown; scope?: unknown };
  return { mode: record.mode, scope: record.scope };
}

function describe(value: unknown): string {
  return typeof value === 'string' ? `'${value}'` : String(value);
}
