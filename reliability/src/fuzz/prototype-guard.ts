/**
 * Whether any built-in prototype changed since the guard was made: a prototype-pollution key
 * that reached an assignment somewhere adds (or replaces) a member of `Object.prototype`.
 */
const GUARDED: readonly [string, object][] = [
  ['Object.prototype', Object.prototype],
  ['Array.prototype', Array.prototype],
  ['Function.prototype', Function.prototype],
  ['String.prototype', String.prototype],
];

export class PrototypeGuard {
  private readonly baseline = new Map(GUARDED.map(([name, prototype]) => [name, membersOf(prototype)]));

  /** What changed, in words (empty when nothing did). */
  changes(): string[] {
    const changes: string[] = [];
    for (const [name, prototype] of GUARDED) {
      const before = this.baseline.get(name)!;
      const now = membersOf(prototype);
      for (const [key, descriptor] of now) {
        if (!before.has(key)) changes.push(`${name}.${key} was added`);
        else if (before.get(key) !== descriptor) changes.push(`${name}.${key} was replaced`);
      }
    }
    if (({} as Record<string, unknown>)['polluted'] !== undefined) changes.push('({}).polluted is defined');
    return changes;
  }
}

/** Each member's value (or getter), by key, so a replaced member is seen too. */
function membersOf(prototype: object): Map<string, unknown> {
  return new Map(Reflect.ownKeys(prototype).map((key) => [String(key), describe(Object.getOwnPropertyDescriptor(prototype, key))]));
}

function describe(descriptor: PropertyDescriptor | undefined): unknown {
  return descriptor === undefined ? undefined : 'value' in descriptor ? descriptor.value : descriptor.get;
}

/**
 * The problem with a value a tool body received, if any: every object in it must be a plain
 * object or array of this realm, with no own `__proto__` key (which a later copy by assignment
 * would turn into a prototype change).
 */
export function inheritanceProblem(value: unknown, path = 'args'): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const expected = Array.isArray(value) ? Array.prototype : Object.prototype;
  if (Object.getPrototypeOf(value) !== expected) return `${path} does not inherit from ${Array.isArray(value) ? 'Array' : 'Object'}.prototype`;
  if (Object.hasOwn(value, '__proto__')) return `${path} has an own __proto__ key`;
  for (const key of Object.keys(value)) {
    const problem = inheritanceProblem((value as Record<string, unknown>)[key], `${path}.${key}`);
    if (problem) return problem;
  }
  return undefined;
}
