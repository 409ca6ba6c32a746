import { z } from 'zod';
import { webhookUrlField, type LateResultsConfig } from '@aside/events';
import { GatewayError } from '../api/gateway-api.js';

const lateResultsInput = z.strictObject({ webhook: webhookUrlField });

/**
 * `createSession`'s `lateResults`, checked at the gateway API (the HTTP edge checks the same
 * field with the same schema): an http(s) URL without credentials, nothing else.
 */
export function parseLateResultsInput(value: unknown): LateResultsConfig {
  const parsed = lateResultsInput.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => ({ path: ['lateResults', ...issue.path.map(String)], message: issue.message }));
  throw new GatewayError('INVALID_REQUEST', `lateResults is invalid: ${issues.map((issue) => issue.message).join('; ')}`, { issues });
}

/** A session asking for a webhook on a gateway that cannot sign one: refused, never silently ignored. */
export function noWebhookSecret(): GatewayError {
  return new GatewayError(
    'INVALID_REQUEST',
    'This gateway sends no late-result webhooks: it has no secret to sign them with (set ASIDE_WEBHOOK_SECRET, or lateResults.secret in the module options)',
    { field: 'lateResults', reason: 'no_webhook_secret' },
  );
}
