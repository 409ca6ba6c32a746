import { createHmac } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { retryAfterMs } from '../../src/late-results/retry-after.js';
import { signWebhookBody, verifyWebhookSignature } from '../../src/late-results/webhook-signature.js';

describe('webhook signature', () => {
  const secret = 'test-webhook-secret-0123456789';
  const body = '{"sessionId":"sess-0-abcdef","result":"42"}';

  it('is sha256=<hex HMAC-SHA256 of the raw body>, as any HMAC library computes it', () => {
    expect(signWebhookBody(secret, body)).toBe(`sha256=${createHmac('sha256', secret).update(body).digest('hex')}`);
  });

  it('verifies the raw body only: another body, secret or a malformed header fails', () => {
    const signature = signWebhookBody(secret, body);
    expect(verifyWebhookSignature(secret, body, signature)).toBe(true);
    expect(verifyWebhookSignature(secret, Buffer.from(body), signature)).toBe(true);
    expect(verifyWebhookSignature(secret, `${body} `, signature)).toBe(false);
    expect(verifyWebhookSignature(`${secret}x`, body, signature)).toBe(false);
    expect(verifyWebhookSignature(secret, body, signature.slice(0, -1))).toBe(false);
    expect(verifyWebhookSignature(secret, body, undefined)).toBe(false);
  });
});

describe('Retry-After', () => {
  const now = new Date('2026-11-24T10:00:00.000Z');

  it('reads delay-seconds and HTTP-dates; anything else is no advice', () => {
    expect(retryAfterMs('120', now)).toBe(120_000);
    expect(retryAfterMs(' 0 ', now)).toBe(0);
    expect(retryAfterMs('Tue, 24 Nov 2026 10:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs('Tue, 24 Nov 2026 09:00:00 GMT', now)).toBe(0);
    expect(retryAfterMs('soon', now)).toBeNull();
    expect(retryAfterMs('-5', now)).toBeNull();
    expect(retryAfterMs(null, now)).toBeNull();
  });
});
