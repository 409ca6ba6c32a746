import { createHash, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/** RFC 6750's b64token: what may follow `Bearer ` in an Authorization header. */
const TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;

const tokenListSchema = z
  .array(
    z
      .string()
      .min(1, 'is empty')
      .max(512, 'is longer than 512 characters')
      .regex(TOKEN, 'may contain only letters, digits and - . _ ~ + / (then optional = padding)'),
  )
  .min(1);

/**
 * Reads `ASIDE_API_TOKENS` (comma-separated bearer tokens; surrounding spaces are ignored).
 * Unset or blank means no authentication. A malformed list fails at boot with one line that
 * names the variable and the entry — never the token itself.
 */
export function readApiTokens(env: NodeJS.ProcessEnv): readonly string[] {
  const raw = env['ASIDE_API_TOKENS'];
  if (raw === undefined || raw.trim() === '') return [];
  return parseApiTokens(raw.split(',').map((entry) => entry.trim()), 'ASIDE_API_TOKENS');
}

/** Validates a token list given in code (`GatewayHttpModule.forRoot({ apiTokens })`) the same way. */
export function parseApiTokens(tokens: readonly string[], source = 'apiTokens'): readonly string[] {
  const result = tokenListSchema.safeParse(tokens);
  if (result.success) return Object.freeze([...result.data]);
  const issue = result.error.issues[0]!;
  const entry = typeof issue.path[0] === 'number' ? `entry ${issue.path[0] + 1} ` : '';
  throw new Error(`${source} must be a comma-separated list of bearer tokens: ${entry}${issue.message}`);
}

/**
 * The accepted tokens, compared in constant time: each candidate is hashed (so lengths do not
 * leak) and compared with every accepted token without stopping at the first match.
 */
export class ApiTokens {
  private readonly digests: readonly Buffer[];

  constructor(tokens: readonly string[]) {
    this.digests = tokens.map(digest);
  }

  /** False when the list is empty: then every request is allowed. */
  get enabled(): boolean {
    return this.digests.length > 0;
  }

  accepts(candidate: string | undefined): boolean {
    if (!this.enabled) return true;
    if (candidate === undefined || candidate === '') return false;
    const presented = digest(candidate);
    let matched = false;
    for (const accepted of this.digests) matched = timingSafeEqual(accepted, presented) || matched;
    return matched;
  }
}

/** The token of an `Authorization: Bearer <token>` header (scheme case-insensitive), if any. */
export function bearerToken(header: string | string[] | undefined): string | undefined {
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer +([^ ]+) *$/i.exec(header);
  return match?.[1];
}

function digest(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}
