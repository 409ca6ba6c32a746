import { z } from 'zod';
import { MAX_PARTITIONS } from '@aside/events';
import type { OpenAiVoiceSettings } from '@aside/livekit';
import { integerRule, readEnvSetting, type EnvRule } from '../config/env-settings.js';
import { describeSpeech, readSpeechSettings } from './speech-settings.js';

/** The LiveKit room a gateway joins (docs/livekit.md). */
export interface LiveKitRoomSettings {
  /** The server, `wss://…` (or `ws://` for a local dev server). */
  readonly url: string;
  readonly apiKey: string;
  /** Signs the agent's join token; never printed. */
  readonly apiSecret: string;
  readonly room: string;
  /** The Aside agent each user of the room talks to. */
  readonly agent: string;
  /** The agent participant's identity. Default `aside-agent`. */
  readonly identity: string;
  /**
   * Distributed mode: the gateway owning this partition is the one in the room, and the room's
   * sessions live in it. Default 0.
   */
  readonly partition: number;
  /** Speech audio through an OpenAI-compatible server: users' audio transcribed, the agent's voice synthesised. Left out: text only. */
  readonly speech?: OpenAiVoiceSettings;
}

const urlRule: EnvRule<string> = {
  schema: z.string().refine((value) => /^(wss?|https?):$/.test(protocolOf(value) ?? ''), 'not a LiveKit URL'),
  expected: 'a ws://, wss://, http:// or https:// URL of the LiveKit server',
};
const nameRule: EnvRule<string> = { schema: z.string().regex(/^\S{1,200}$/), expected: 'a name without whitespace' };
const secretRule: EnvRule<string> = { schema: z.string().regex(/^\S+$/), expected: 'a value without whitespace' };
const partitionRule = integerRule(0, `an integer from 0 to ${MAX_PARTITIONS - 1}`, MAX_PARTITIONS - 1);

const REQUIRED = ['LIVEKIT_URL', 'LIVEKIT_API_KEY', 'LIVEKIT_API_SECRET', 'ASIDE_LIVEKIT_ROOM', 'ASIDE_LIVEKIT_AGENT'] as const;

/**
 * The LiveKit transport's settings: none of LIVEKIT_URL, LIVEKIT_API_KEY, LIVEKIT_API_SECRET,
 * ASIDE_LIVEKIT_ROOM, ASIDE_LIVEKIT_AGENT set → no room (undefined); all set → join that room;
 * some → one line naming the missing ones. ASIDE_LIVEKIT_IDENTITY and ASIDE_LIVEKIT_PARTITION
 * are optional, and so is speech audio (`readSpeechSettings`). A malformed value fails with
 * one line naming it (the secret is never repeated).
 */
export function readLiveKitSettings(env: NodeJS.ProcessEnv, partitions = 1): LiveKitRoomSettings | undefined {
  const given = REQUIRED.filter((name) => (env[name] ?? '') !== '');
  if (given.length === 0) return undefined;
  const missing = REQUIRED.filter((name) => !given.includes(name));
  if (missing.length > 0) throw new Error(`LiveKit needs ${missing.join(', ')} as well (${given.join(', ')} ${given.length === 1 ? 'is' : 'are'} set)`);
  if (/\s/.test(env['LIVEKIT_API_SECRET']!)) throw new Error('LIVEKIT_API_SECRET must be a value without whitespace');
  const partition = readEnvSetting(env, 'ASIDE_LIVEKIT_PARTITION', partitionRule, 0);
  if (partition >= partitions) throw new Error(`ASIDE_LIVEKIT_PARTITION must be below ASIDE_PARTITIONS (${partitions}), got '${partition}'`);
  const speech = readSpeechSettings(env);
  return {
    url: readEnvSetting(env, 'LIVEKIT_URL', urlRule, ''),
    apiKey: readEnvSetting(env, 'LIVEKIT_API_KEY', nameRule, ''),
    apiSecret: readEnvSetting(env, 'LIVEKIT_API_SECRET', secretRule, ''),
    room: readEnvSetting(env, 'ASIDE_LIVEKIT_ROOM', nameRule, ''),
    agent: readEnvSetting(env, 'ASIDE_LIVEKIT_AGENT', nameRule, ''),
    identity: readEnvSetting(env, 'ASIDE_LIVEKIT_IDENTITY', nameRule, 'aside-agent'),
    partition,
    ...(speech ? { speech } : {}),
  };
}

/** The boot line's words, never a secret: `LiveKit room lobby on wss://x.livekit.cloud as aside-agent (agent desk, partition 0)`, with `; speech: …` when speech audio is on. */
export function describeLiveKit(settings: LiveKitRoomSettings | undefined): string {
  if (settings === undefined) return 'LiveKit off (no LIVEKIT_URL)';
  return `LiveKit room ${settings.room} on ${settings.url} as ${settings.identity} (agent ${settings.agent}, partition ${settings.partition}${settings.speech ? `; ${describeSpeech(settings.speech)}` : ''})`;
}

function protocolOf(value: string): string | undefined {
  try {
    return new URL(value).protocol;
  } catch {
    return undefined;
  }
}
