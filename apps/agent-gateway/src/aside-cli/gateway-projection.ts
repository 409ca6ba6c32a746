import { z } from 'zod';
import type { ReplayArguments } from './aside-cli-arguments.js';
import { CliFailure } from './cli-failure.js';

const REQUEST_DEADLINE_MS = 10_000;

/** What is read of the answer before comparing its bytes: the position it was projected at. */
const projectionHead = z.object({ sessionId: z.string(), position: z.number().int().nonnegative() });
const errorBody = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

export interface GatewayProjection {
  /** The response body exactly as the gateway sent it. */
  readonly body: string;
  readonly position: number;
}

/**
 * `GET /v1/sessions/:id` of a gateway, as its bytes. Refusals (401, 404, 503 not the owner…)
 * and an unreachable gateway fail with one line in the gateway's own words.
 */
export async function fetchGatewayProjection(
  gateway: NonNullable<ReplayArguments['gateway']>,
  sessionId: string,
  fetchImpl: typeof fetch = fetch,
): Promise<GatewayProjection> {
  const url = `${gateway.url}/v1/sessions/${encodeURIComponent(sessionId)}`;
  let response: Response;
  let body: string;
  try {
    response = await fetchImpl(url, {
      headers: { accept: 'application/json', ...(gateway.token === undefined ? {} : { authorization: `Bearer ${gateway.token}` }) },
      signal: AbortSignal.timeout(REQUEST_DEADLINE_MS),
    });
    body = await response.text();
  } catch (error) {
    const cause = (error as Error & { cause?: Error }).cause?.message ?? (error as Error).message;
    throw new CliFailure(`gateway ${gateway.url} did not answer GET /v1/sessions/${sessionId}: ${cause}`);
  }
  if (response.status !== 200) {
    const refusal = errorBody.safeParse(safeJson(body));
    const words = refusal.success ? `${refusal.data.error.code}: ${refusal.data.error.message}` : body.slice(0, 200);
    const hint = response.status === 401 && gateway.token === undefined ? ' (give --token or set ASIDE_API_TOKEN)' : '';
    throw new CliFailure(`gateway ${gateway.url} answered ${response.status} to GET /v1/sessions/${sessionId}: ${words}${hint}`);
  }
  const head = projectionHead.safeParse(safeJson(body));
  if (!head.success || head.data.sessionId !== sessionId) throw new CliFailure(`gateway ${gateway.url} answered GET /v1/sessions/${sessionId} with something other than the session's projection`);
  return { body, position: head.data.position };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
