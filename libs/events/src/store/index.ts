// Store entry point of @aside/events: the EventStore port and its adapters. Adapters and apps
// import it; libs/domain never does (it would drag ioredis in).
export type {
  AppendOptions,
  AppendResult,
  EventStore,
  ExpectedVersion,
  FencingToken,
  Page,
  ReadLogOptions,
  ReadStreamOptions,
  Snapshot,
  StoredEvent,
  SubscribeOptions,
} from './event-store.js';
export {
  ConcurrencyError,
  CorruptEventError,
  FencedError,
  InvalidAppendError,
  InvalidStreamError,
  SESSION_LOG,
  SessionDeletedError,
  StreamClosedError,
} from './errors.js';
export type { VersionConflict } from './errors.js';
export { MAX_EVENT_BYTES, MAX_EVENTS_PER_COMMIT } from './prepare-append.js';
export { InMemoryEventStore } from './in-memory/in-memory-event-store.js';
export type { InMemoryEventStoreOptions } from './in-memory/in-memory-event-store.js';
export { RedisEventStore } from './redis/redis-event-store.js';
export type { RedisEventStoreOptions } from './redis/redis-event-store.js';
export { sessionKeys } from './redis/redis-keys.js';
export { LuaScript } from './redis/lua-script.js';
export type { SessionKeys } from './redis/redis-keys.js';
