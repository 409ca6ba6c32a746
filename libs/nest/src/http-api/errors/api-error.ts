import { STATUS_CODES } from 'node:http';

/** The one error body of the public HTTP surface (DESIGN.md §5). */
export interface ApiErrorBody {
  readonly error: {
    readonly code: string;
    readonly message: string;
    readonly details: Readonly<Record<string, unknown>>;
  };
}

/**
 * A refusal raised by the HTTP edge itself (validation, auth, content type), answered with its
 * status and code by the error filter. Refusals of the gateway arrive as `GatewayError`.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  toBody(): ApiErrorBody {
    return { error: { code: this.code, message: this.message, details: this.details } };
  }
}

/** `Method Not Allowed` → `METHOD_NOT_ALLOWED`: the code for a status nothing more specific names. */
export function codeForStatus(status: number): string {
  const text = STATUS_CODES[status] ?? 'Error';
  return text.toUpperCase().replace(/[^A-Z0-9]+/g, '_').replace(/^_|_$/g, '');
}
