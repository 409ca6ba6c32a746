import { describe, expect, it } from '@jest/globals';
import { formatSessionId, isSessionId, parseSessionId, parseStreamName, sessionIdSchema, streamName } from '../src/index.js';

describe('session ids', () => {
  it('embed their partition', () => {
    expect(parseSessionId('sess-12-abcDEF123')).toEqual({ partition: 12, token: 'abcDEF123' });
    expect(formatSessionId(0, 'abcdef')).toBe('sess-0-abcdef');
  });

  it.each(['sess-1-abc', 'sess-01-abcdef', 'sess-1-abc:def', 'sess-1-{abcdef}', 'session-1-abcdef', 'sess--1-abcdef', ''])(
    'refuse %j',
    (value) => {
      expect(isSessionId(value)).toBe(false);
      expect(sessionIdSchema.safeParse(value).success).toBe(false);
    },
  );

  it('cannot be formed from a bad partition or token', () => {
    expect(() => formatSessionId(10_000, 'abcdef')).toThrow(RangeError);
    expect(() => formatSessionId(1, 'a:b')).toThrow(RangeError);
  });
});

describe('stream names', () => {
  const session = 'sess-4-abcdef';

  it('carry their session and optional entity', () => {
    expect(streamName('session', session)).toBe('session/sess-4-abcdef');
    expect(parseStreamName(streamName('activity', session, 'act-1'))).toEqual({ category: 'activity', sessionId: session, entityId: 'act-1' });
  });

  it.each(['session', 'session/nope', 'Session/sess-4-abcdef', 'activity/sess-4-abcdef/a/b', 'activity/sess-4-abcdef/a b'])('refuse %j', (name) => {
    expect(parseStreamName(name)).toBeUndefined();
  });
});
