import type { LateResultAttemptOutcome } from '@aside/domain';
import type { Clock } from '../sessions/clock.js';
import { retryAfterMs } from './retry-after.js';
import { ATTEMPT_HEADER, IDEMPOTENCY_HEADER, SIGNATURE_HEADER, signWebhookBody } from './webhook-signature.js';

export interface WebhookRequest {
  readonly url: string;
  readonly body: string;
  readonly deliveryId: string;
  readonly attempt: number;
  /** Aborted when the gateway stops acting for the session (partition lost, shutdown). */
  readonly signal: AbortSignal;
}

/**
 * One signed POST with Node's fetch and a deadline. Redirects are not followed (the receiver
 * was named by the session's creator; a redirect elsewhere is treated as its refusal). The
 * answer's body is not read.
 */
export class WebhookSender {
  constructor(
    private readonly secret: string,
    private readonly timeoutMs: number,
    private readonly clock: Clock,
  ) {}

  async send(request: WebhookRequest): Promise<LateResultAttemptOutcome> {
    const deadline = AbortSignal.timeout(this.timeoutMs);
    try {
      const response = await fetch(request.url, {
        method: 'POST',
        body: request.body,
        redirect: 'manual',
        signal: AbortSignal.any([request.signal, deadline]),
        headers: {
          'content-type': 'application/json',
          'user-agent': 'aside-gateway',
          [SIGNATURE_HEADER]: signWebhookBody(this.secret, request.body),
          [IDEMPOTENCY_HEADER]: request.deliveryId,
          [ATTEMPT_HEADER]: String(request.attempt),
        },
      });
      await response.body?.cancel().catch(() => undefined);
      if (response.status >= 200 && response.status < 300) return { type: 'delivered', status: response.status };
      const status = response.status >= 100 && response.status <= 599 ? response.status : null;
      return {
        type: 'failed',
        failure: { kind: 'http', status, message: `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}` },
        retryAfterMs: retryAfterMs(response.headers.get('retry-after'), this.clock.now()),
      };
    } catch (error) {
      if (deadline.aborted && !request.signal.aborted) {
        return { type: 'failed', failure: { kind: 'timeout', status: null, message: `no answer within ${this.timeoutMs} ms` }, retryAfterMs: null };
      }
      return { type: 'failed', failure: { kind: 'network', status: null, message: networkMessage(error) }, retryAfterMs: null };
    }
  }
}

/** fetch says only "fetch failed"; the cause says what (ECONNREFUSED, ENOTFOUND, a TLS error…). */
function networkMessage(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | undefined)?.cause;
  const code = typeof cause?.code === 'string' ? cause.code : undefined;
  const message = typeof cause?.message === 'string' ? cause.message : error instanceof Error ? error.message : String(error);
  return code !== undefined && !message.includes(code) ? `${code}: ${message}` : message;
}
