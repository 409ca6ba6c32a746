import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header with the body's signature: `sha256=<hex HMAC-SHA256 of the raw body under the secret>`. */
export const SIGNATURE_HEADER = 'aside-signature';
/** The same for every attempt of one delivery: receivers deduplicate on it. */
export const IDEMPOTENCY_HEADER = 'idempotency-key';
/** 1 for the first POST of a delivery, then 2, 3… (informative; not signed). */
export const ATTEMPT_HEADER = 'aside-delivery-attempt';

export function signWebhookBody(secret: string, body: string | Uint8Array): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/**
 * For receivers written in Node: whether `header` is the signature of the raw body (the bytes
 * as received, before any JSON parsing) under `secret`, compared in constant time.
 */
export function verifyWebhookSignature(secret: string, body: string | Uint8Array, header: string | null | undefined): boolean {
  if (typeof header !== 'string') return false;
  const expected = Buffer.from(signWebhookBody(secret, body));
  const presented = Buffer.from(header.trim());
  return presented.length === expected.length && timingSafeEqual(presented, expected);
}
