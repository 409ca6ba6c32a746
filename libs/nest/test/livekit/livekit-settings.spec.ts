import { describe, expect, it } from '@jest/globals';
import { describeLiveKit, readLiveKitSettings } from '../../src/livekit/livekit-settings.js';

const complete = {
  LIVEKIT_URL: 'wss://demo.livekit.cloud',
  LIVEKIT_API_KEY: 'APIkey123',
  LIVEKIT_API_SECRET: 'sup3r-s3cret-value',
  ASIDE_LIVEKIT_ROOM: 'lobby',
  ASIDE_LIVEKIT_AGENT: 'desk',
};

describe('LiveKit settings from the environment', () => {
  it('is off when none of the variables is set', () => {
    expect(readLiveKitSettings({})).toBeUndefined();
    expect(describeLiveKit(undefined)).toBe('LiveKit off (no LIVEKIT_URL)');
  });

  it('reads a complete set, with the defaults, and describes it without the secret', () => {
    const settings = readLiveKitSettings(complete);
    expect(settings).toEqual({ url: 'wss://demo.livekit.cloud', apiKey: 'APIkey123', apiSecret: 'sup3r-s3cret-value', room: 'lobby', agent: 'desk', identity: 'aside-agent', partition: 0 });
    expect(describeLiveKit(settings)).toBe('LiveKit room lobby on wss://demo.livekit.cloud as aside-agent (agent desk, partition 0)');
    expect(describeLiveKit(settings)).not.toContain('s3cret');
  });

  it('names the missing variables of a partial set in one line', () => {
    expect(() => readLiveKitSettings({ LIVEKIT_URL: 'wss://x', LIVEKIT_API_KEY: 'k' })).toThrow(
      'LiveKit needs LIVEKIT_API_SECRET, ASIDE_LIVEKIT_ROOM, ASIDE_LIVEKIT_AGENT as well (LIVEKIT_URL, LIVEKIT_API_KEY are set)',
    );
  });

  it('names a malformed value, never repeating the secret', () => {
    expect(() => readLiveKitSettings({ ...complete, LIVEKIT_URL: 'demo.livekit.cloud' })).toThrow(
      "LIVEKIT_URL must be a ws://, wss://, http:// or https:// URL of the LiveKit server, got 'demo.livekit.cloud'",
    );
    expect(() => readLiveKitSettings({ ...complete, LIVEKIT_API_SECRET: 'has a space' })).toThrow(/^LIVEKIT_API_SECRET must be a value without whitespace$/);
    expect(() => readLiveKitSettings({ ...complete, ASIDE_LIVEKIT_PARTITION: 'two' })).toThrow("ASIDE_LIVEKIT_PARTITION must be an integer from 0 to");
    expect(() => readLiveKitSettings({ ...complete, ASIDE_LIVEKIT_PARTITION: '4' }, 4)).toThrow("ASIDE_LIVEKIT_PARTITION must be below ASIDE_PARTITIONS (4), got '4'");
    expect(readLiveKitSettings({ ...complete, ASIDE_LIVEKIT_PARTITION: '3', ASIDE_LIVEKIT_IDENTITY: 'front-desk' }, 4)).toMatchObject({ partition: 3, identity: 'front-desk' });
  });
});
