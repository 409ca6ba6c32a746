import type { FieldPath } from './tool-models.js';
import type { ValuePath } from './payload.js';

/**
 * Edits of generated argument values. Every edit works on a deep copy and defines properties
 * (never assigns them), so a key like `__proto__` is plain data here too.
 */
type Json = unknown;

export function copyOf<T>(value: T): T {
  return structuredClone(value);
}

/**
 * The concrete path of a field in this value, choosing an element for each `[]` with `pick`
 * (given the array's length); undefined when a parent is missing or is not an object.
 */
export function concretePath(value: Json, path: FieldPath, pick: (length: number) => number): ValuePath | undefined {
  const concrete: (string | number)[] = [];
  let current = value;
  for (const segment of path) {
    if (segment === '[]') {
      if (!Array.isArray(current) || current.length === 0) return undefined;
      const index = pick(current.length);
      concrete.push(index);
      current = current[index];
    } else {
      if (!isRecord(current)) return undefined;
      concrete.push(segment);
      current = Object.hasOwn(current, segment) ? current[segment] : undefined;
    }
  }
  return concrete;
}

/** The parent's path exists (so the field can be set or removed there). */
export function parentExists(value: Json, path: ValuePath): boolean {
  return path.length === 0 || isContainer(valueAt(value, path.slice(0, -1)));
}

export function valueAt(value: Json, path: ValuePath): Json {
  let current = value;
  for (const segment of path) {
    if (!isContainer(current) || !Object.hasOwn(current, segment)) return undefined;
    current = (current as Record<string | number, Json>)[segment];
  }
  return current;
}

export function hasAt(value: Json, path: ValuePath): boolean {
  return path.length > 0 && parentExists(value, path) && Object.hasOwn(valueAt(value, path.slice(0, -1)) as object, path[path.length - 1]!);
}

/** A copy with `path` set to `replacement` (the parent must exist). */
export function withValueAt(value: Json, path: ValuePath, replacement: Json): Json {
  if (path.length === 0) return replacement;
  const copy = copyOf(value);
  const parent = valueAt(copy, path.slice(0, -1)) as Record<string | number, Json>;
  Object.defineProperty(parent, path[path.length - 1]!, { value: replacement, enumerable: true, writable: true, configurable: true });
  return copy;
}

/** A copy without `path`. */
export function withoutValueAt(value: Json, path: ValuePath): Json {
  const copy = copyOf(value);
  const parent = valueAt(copy, path.slice(0, -1));
  if (Array.isArray(parent)) parent.splice(path[path.length - 1] as number, 1);
  else if (isRecord(parent)) delete parent[path[path.length - 1] as string];
  return copy;
}

/** Places of every plain object in the value (the root included), where an extra key may go. */
export function objectPaths(value: Json, path: ValuePath = []): ValuePath[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => objectPaths(item, [...path, index]));
  if (!isRecord(value)) return [];
  return [path, ...Object.keys(value).flatMap((key) => objectPaths(value[key], [...path, key]))];
}

export function isRecord(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isContainer(value: Json): value is object {
  return typeof value === 'object' && value !== null;
}
