/**
 * One coded error hierarchy. `instanceof` is answered by a brand registered with
 * `Symbol.for`, so it holds even when two copies of this package are loaded (a linked
 * workspace and a published build, say).
 */
const BRAND = Symbol.for('aside.error.code');

export abstract class AsideError extends Error {
  abstract readonly code: string;

  static override [Symbol.hasInstance](value: unknown): boolean {
    if (typeof value !== 'object' || value === null || !(BRAND in value)) return false;
    if (this === AsideError) return true;
    const expected = (this as unknown as { CODE?: string }).CODE;
    return expected !== undefined && (value as { [BRAND]: string })[BRAND] === expected;
  }

  protected constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }

  protected brand(code: string): void {
    Object.defineProperty(this, BRAND, { value: code, enumerable: false });
  }
}

export interface SchemaProblem {
  /** Dotted path inside the event, e.g. `data.city` or `actor.kind` (empty for the event itself). */
  readonly path: string;
  readonly message: string;
}

/** An event whose type is unknown or whose data violates its schema; nothing was written. */
export class InvalidEventError extends AsideError {
  static readonly CODE = 'INVALID_EVENT';
  readonly code = InvalidEventError.CODE;

  constructor(
    readonly eventType: string,
    readonly schemaVersion: number | undefined,
    readonly problems: readonly SchemaProblem[],
  ) {
    const where = schemaVersion === undefined ? eventType : `${eventType} v${schemaVersion}`;
    super(`Event ${where} is invalid: ${problems.map((p) => `${p.path || '(event)'}: ${p.message}`).join('; ')}`);
    this.brand(InvalidEventError.CODE);
  }
}
