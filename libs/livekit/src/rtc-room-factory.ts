import type { RoomFactory } from './room/room-surface.js';

/**
 * The real rooms, from `@livekit/rtc-node` — loaded only when a room is wanted, so a gateway
 * without LiveKit settings never loads the native binding. `dispose()` releases it at shutdown.
 */
export async function rtcRoomFactory(): Promise<{ readonly createRoom: RoomFactory; readonly dispose: () => Promise<void> }> {
  const [{ Room, dispose }, { rtcRoom }] = await Promise.all([import('@livekit/rtc-node'), import('./room/rtc-room.js')]);
  return { createRoom: () => rtcRoom(new Room()), dispose };
}
