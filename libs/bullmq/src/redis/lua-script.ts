import { LuaScript } from '@aside/events/store';

/** This package's documented Lua scripts (lua/ beside src/ and dist/), run like the store's. */
export const scripts = {
  writeReport: LuaScript.fromFile(new URL('../../lua/write-report.lua', import.meta.url)),
  leaseAcquire: LuaScript.fromFile(new URL('../../lua/lease-acquire.lua', import.meta.url)),
  leaseRenew: LuaScript.fromFile(new URL('../../lua/lease-renew.lua', import.meta.url)),
  leaseRelease: LuaScript.fromFile(new URL('../../lua/lease-release.lua', import.meta.url)),
  gatewayHeartbeat: LuaScript.fromFile(new URL('../../lua/gateway-heartbeat.lua', import.meta.url)),
};
