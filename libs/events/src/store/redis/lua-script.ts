import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Redis } from 'ioredis';

/** The folder of the documented `.lua` files; the same relative place from src/ and dist/. */
const LUA_DIR = new URL('../../../lua/', import.meta.url);

/**
 * One Lua script, read once from its documented file and run by SHA, falling back to EVAL the
 * first time a server has not seen it (after a restart or a SCRIPT FLUSH). Callers that need
 * ordering between runs must chain them: the fallback re-sends a command after later ones.
 */
export class LuaScript {
  private readonly sha: string;

  private constructor(
    readonly name: string,
    private readonly source: string,
  ) {
    this.sha = createHash('sha1').update(source).digest('hex');
  }

  /** A script of this package's lua/ folder. */
  static load(fileName: string): LuaScript {
    return LuaScript.fromFile(new URL(fileName, LUA_DIR));
  }

  /** A documented script file anywhere (other packages keep theirs beside their code). */
  static fromFile(file: URL): LuaScript {
    return new LuaScript(file.pathname.split('/').pop() ?? String(file), readFileSync(file, 'utf8'));
  }

  async run(redis: Redis, keys: readonly string[], args: readonly (string | number)[]): Promise<unknown> {
    try {
      return await redis.evalsha(this.sha, keys.length, ...keys, ...args);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return redis.eval(this.source, keys.length, ...keys, ...args);
    }
  }
}

export const scripts = {
  append: LuaScript.load('append.lua'),
  readStream: LuaScript.load('read-stream.lua'),
  fence: LuaScript.load('fence.lua'),
  deleteSession: LuaScript.load('delete-session.lua'),
  saveSnapshot: LuaScript.load('save-snapshot.lua'),
};
