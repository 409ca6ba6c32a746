/**
 * A generated HTTP request and the answer the API owes it (DESIGN.md §5: JSON under `/v1`,
 * errors as `{ error: { code, message, details } }`). Cases are planned small and built when
 * sent, like tool-call payloads.
 */
export type HttpClass = 'valid' | 'invalid' | 'hostile';

/** What the fuzz knows when it builds a request: the token, and a session that exists. */
export interface HttpTarget {
  readonly token: string;
  readonly sessionId: string;
}

export interface ExpectedResponse {
  readonly status: number;
  /** The error body's `code`; undefined for a success. */
  readonly code?: string;
  /**
   * For `INVALID_REQUEST`: issues that must be listed, by path (`['body', 'agent']`) and,
   * optionally, a text their message must contain (an unknown key's name).
   */
  readonly issues?: readonly { readonly path: readonly (string | number)[]; readonly mentions?: string }[];
}

export interface HttpRequestSpec {
  readonly method: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string | Buffer;
  /**
   * How the request is sent: `normal`; `short` — a Content-Length larger than the body, the
   * connection kept open (the server must time out, not wait for ever); `raw` — the body's bytes
   * written to the socket as they are, not HTTP at all.
   */
  readonly framing?: 'normal' | 'short' | 'raw';
}

export interface HttpCase {
  readonly request: HttpRequestSpec;
  readonly expected: ExpectedResponse;
}

export interface HttpRecipe {
  readonly class: HttpClass;
  readonly kind: string;
  readonly build: (target: HttpTarget) => HttpCase;
}

export const JSON_TYPE = 'application/json';

/** The token's header, and a content type (none when `null`). */
export function bearer(target: HttpTarget, contentType: string | null = JSON_TYPE): Record<string, string> {
  return { authorization: `Bearer ${target.token}`, ...(contentType === null ? {} : { 'content-type': contentType }) };
}

export const invalidRequest = (...issues: { path: readonly (string | number)[]; mentions?: string }[]): ExpectedResponse => ({ status: 400, code: 'INVALID_REQUEST', issues });
