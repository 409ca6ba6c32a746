/**
 * Brand registered with `Symbol.for`, so `instanceof ToolError` holds even when the body was
 * written against another copy of this package (a linked workspace beside a published build).
 */
const TOOL_ERROR_BRAND = Symbol.for('aside.ToolError');

/**
 * A message meant for the LLM: thrown by a tool body, its text becomes the tool's error output
 * and no stack trace is logged. Any other exception shows the LLM only `An internal error
 * occurred` (SEMANTICS.md §6).
 */
export class ToolError extends Error {
  static override [Symbol.hasInstance](value: unknown): boolean {
    // Subclasses keep ordinary prototype semantics; only the base class answers by brand.
    if (this !== ToolError) return Function.prototype[Symbol.hasInstance].call(this, value);
    return typeof value === 'object' && value !== null && (value as { [TOOL_ERROR_BRAND]?: unknown })[TOOL_ERROR_BRAND] === true;
  }

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
    Object.defineProperty(this, TOOL_ERROR_BRAND, { value: true, enumerable: false });
  }
}
