import { describe, expect, it } from '@jest/globals';
import { asideCatalogue, InvalidEventError, lateResultsConfigSchema } from '../src/index.js';

const v1 = { sessionId: 'sess-0-abcdef', agent: 'travel', activityId: 'a1', playout: 'client', partition: 0, managementTools: 'when_live' };

describe('SessionStarted v2 and the late-result events', () => {
  it('reads a stored v1 SessionStarted as v2 with lateResults null (asked for none)', () => {
    expect(asideCatalogue.currentVersion('SessionStarted')).toBe(2);
    expect(asideCatalogue.upcast('SessionStarted', 1, v1)).toEqual({ schemaVersion: 2, data: { ...v1, lateResults: null } });
  });

  it('writes v2 with the webhook, and refuses v2 without the field', () => {
    const data = { ...v1, lateResults: { webhook: 'https://hooks.example.com/late?team=7' } };
    expect(asideCatalogue.validate('SessionStarted', undefined, data)).toEqual({ schemaVersion: 2, data });
    expect(() => asideCatalogue.validate('SessionStarted', undefined, v1)).toThrow(InvalidEventError);
  });

  it.each([
    ['an ftp URL', 'ftp://hooks.example.com/late', 'expected an http(s) URL'],
    ['no URL at all', 'not a url', 'expected an http(s) URL'],
    ['credentials', 'https://user:secret@hooks.example.com/late', 'a webhook URL may not hold credentials: it is stored in the session log in clear'],
    ['2,049+ characters', `https://hooks.example.com/${'a'.repeat(2048)}`, 'a webhook URL is at most 2048 characters'],
  ])('refuses a webhook with %s', (_label, webhook, message) => {
    const result = lateResultsConfigSchema.safeParse({ webhook });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message)).toEqual([message]);
  });

  it('knows the four late-result events', () => {
    const deliveryId = 'sess-0-abcdef-c1-late';
    const outcomes = [
      ['LateResultQueued', { deliveryId, taskId: 'sess-0-abcdef-c1', callId: 'c1', toolName: 'search', reason: 'session_closed', outcome: { type: 'result', result: '42' }, occurredAt: '2026-11-24T10:00:00.000Z' }],
      ['LateResultAttemptFailed', { deliveryId, attempt: 1, failure: { kind: 'http', status: 503, message: 'HTTP 503' }, retryAt: '2026-11-24T10:00:01.000Z' }],
      ['LateResultDelivered', { deliveryId, attempt: 2, status: 200 }],
      ['LateResultAbandoned', { deliveryId, attempts: 16, reason: 'attempts_exhausted' }],
    ] as const;
    for (const [type, data] of outcomes) expect(asideCatalogue.validate(type, undefined, data).data).toEqual(data);
    expect(() => asideCatalogue.validate('LateResultDelivered', undefined, { deliveryId, attempt: 1, status: 503 })).toThrow(InvalidEventError);
  });
});
