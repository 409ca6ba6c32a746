import { jsonTypeName, WHOLE_ARGUMENTS, formatPath, type ArgumentProblem } from './argument-problems.js';
import { storedSize } from './stored-size.js';

export interface ArgumentLimits {
  /**
   * Largest argument text accepted, in bytes as stored (`storedSize`: UTF-8 inside a JSON
   * string); the validated arguments' canonical text is held to it too.
   */
  readonly maxBytes: number;
  /** Deepest nesting of objects and arrays accepted; the arguments object itself is level 1. */
  readonly maxDepth: number;
}

/**
 * Generous for any real tool call, small enough that a hostile one cannot exhaust memory or the
 * stack of whatever walks the arguments later (zod, JSON.stringify, the event log). A valid
 * call's event (`TaskRequested`) carries its arguments three times — the raw text, the canonical
 * text, the parsed value — so 128 KiB each stays well inside the event store's 512 KiB per event
 * (`MAX_EVENT_BYTES`); a larger limit would admit calls whose dispatch can never be recorded.
 */
export const DEFAULT_ARGUMENT_LIMITS: ArgumentLimits = Object.freeze({ maxBytes: 131_072, maxDepth: 64 });

export type ReadArguments =
  | { readonly ok: true; readonly value: Record<string, unknown> }
  | { readonly ok: false; readonly problem: ArgumentProblem };

/**
 * Raw arguments (the LLM's text, or a value from a trusted path such as a mock) to a fresh
 * plain object, before any schema is consulted (SEMANTICS.md §6): empty text and `null` mean
 * `{}`, a JSON string that itself encodes an object is unwrapped once, anything else that is
 * not an object is refused. Never throws.
 */
export function readArgumentObject(raw: unknown, limits: ArgumentLimits = DEFAULT_ARGUMENT_LIMITS): ReadArguments {
  let value = raw;
  if (typeof value === 'string') {
    const parsed = parseJsonText(value, limits);
    if (!parsed.ok) return parsed;
    value = parsed.value;
  }
  if (typeof value === 'string') {
    // Some models encode the arguments twice: "{\"city\":\"Paris\"}".
    const inner = parseJsonText(value, limits);
    value = inner.ok && (inner.value === null || isPlainObject(inner.value)) ? inner.value : value;
  }
  if (value === null || value === undefined) return { ok: true, value: {} };
  if (!isPlainObject(value)) return refuse(`expected a JSON object, received ${jsonTypeName(value)}`);
  const structural = structuralProblem(value, limits.maxDepth);
  if (structural !== undefined) return { ok: false, problem: structural };
  // A copy, so stripping `confirm_duplicate` or defaulted nulls never touches the caller's value.
  return { ok: true, value: { ...value } };
}

function parseJsonText(text: string, limits: ArgumentLimits): { ok: true; value: unknown } | Extract<ReadArguments, { ok: false }> {
  const problem = sizeProblem(text, limits);
  if (problem !== undefined) return { ok: false, problem };
  if (text.trim() === '') return { ok: true, value: null };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return refuse(`invalid JSON (${error instanceof Error ? error.message : 'unreadable'})`);
  }
}

/**
 * Walks the value without recursion (so depth cannot overflow the stack) and refuses what is
 * too deep, carries a `__proto__` key — JSON.parse keeps such a key as plain data, but any
 * code that later copies it by assignment would change an object's prototype instead — or holds
 * a number that is not finite: JSON has no Infinity, yet a literal too large for a double
 * (`1e999`) is read as one, and zod's refusal of it would say "expected number, received number".
 */
function structuralProblem(root: Record<string, unknown>, maxDepth: number): ArgumentProblem | undefined {
  interface Node {
    readonly value: unknown;
    readonly depth: number;
    readonly parent: Node | undefined;
    readonly key: PropertyKey | undefined;
  }
  const pending: Node[] = [{ value: root, depth: 1, parent: undefined, key: undefined }];
  while (pending.length > 0) {
    const node = pending.pop() as Node;
    if (typeof node.value === 'number' && !Number.isFinite(node.value)) {
      return { path: formatPath(pathOf(node)), reason: Number.isNaN(node.value) ? 'not a number (NaN)' : `number out of range (read as ${node.value})` };
    }
    if (typeof node.value !== 'object' || node.value === null) continue;
    if (node.depth > maxDepth) {
      return { path: WHOLE_ARGUMENTS, reason: `nested deeper than ${maxDepth} levels` };
    }
    const children: [PropertyKey, unknown][] = Array.isArray(node.value)
      ? node.value.map((item, index) => [index, item])
      : Object.keys(node.value).map((key) => [key, (node.value as Record<string, unknown>)[key]]);
    for (const [key, child] of children) {
      const childNode: Node = { value: child, depth: node.depth + 1, parent: node, key };
      if (key === '__proto__') return { path: formatPath(pathOf(childNode)), reason: 'forbidden key' };
      pending.push(childNode);
    }
  }
  return undefined;

  function pathOf(node: Node): PropertyKey[] {
    const path: PropertyKey[] = [];
    for (let current: Node | undefined = node; current?.key !== undefined; current = current.parent) path.unshift(current.key);
    return path;
  }
}

/** Text over `maxBytes` as stored, named as a problem of the arguments as a whole. */
export function sizeProblem(text: string, limits: ArgumentLimits, what = 'too large'): ArgumentProblem | undefined {
  const bytes = storedSize(text);
  return bytes > limits.maxBytes ? { path: WHOLE_ARGUMENTS, reason: `${what} (${bytes} bytes, at most ${limits.maxBytes})` } : undefined;
}

/** A plain record: its prototype is a realm's `Object.prototype`, or none at all. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value) as object | null;
  return prototype === null || Object.getPrototypeOf(prototype) === null;
}

function refuse(reason: string): Extract<ReadArguments, { ok: false }> {
  return { ok: false, problem: { path: WHOLE_ARGUMENTS, reason } };
}
