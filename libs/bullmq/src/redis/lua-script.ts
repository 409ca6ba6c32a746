import { LuaScript } from '@aside/events/store';

/** This package's documented Lua scripts (lua/ beside src/ and dist/), run like the store's. */
export const scripts = {
  writeReport: LuaScript.fromFile(new URL('../../lua/write-report.lua', import.meta.url)),
};
