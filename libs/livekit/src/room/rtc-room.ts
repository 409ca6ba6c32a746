import { Room } from '@livekit/rtc-node';
import type { RoomSubscribe, TransportRoom, TransportRoomEvents } from './room-surface.js';

/**
 * A real `@livekit/rtc-node` room seen through the transport's surface. Each event is
 * subscribed with a call the compiler checks against the package's own event map, so a
 * listener that no longer fits the real signature fails the build.
 */
export function rtcRoom(room: Room = new Room()): TransportRoom {
  const on = ((event: keyof TransportRoomEvents, listener: unknown) => {
    switch (event) {
      case 'participantConnected':
        return room.on(event, listener as TransportRoomEvents[typeof event]);
      case 'participantDisconnected':
        return room.on(event, listener as TransportRoomEvents[typeof event]);
      case 'activeSpeakersChanged':
        return room.on(event, listener as TransportRoomEvents[typeof event]);
      case 'dataReceived':
        return room.on(event, listener as TransportRoomEvents[typeof event]);
      case 'trackSubscribed':
        return room.on(event, listener as TransportRoomEvents[typeof event]);
      case 'trackUnsubscribed':
        return room.on(event, listener as TransportRoomEvents[typeof event]);
      case 'disconnected':
        return room.on(event, listener as TransportRoomEvents[typeof event]);
      case 'reconnecting':
        return room.on(event, listener as TransportRoomEvents[typeof event]);
      case 'reconnected':
        return room.on(event, listener as TransportRoomEvents[typeof event]);
    }
  }) as RoomSubscribe;
  return {
    connect: (url, token, options) => room.connect(url, token, options),
    disconnect: () => room.disconnect(),
    get isConnected() {
      return room.isConnected;
    },
    get remoteParticipants() {
      return room.remoteParticipants;
    },
    get localParticipant() {
      return room.localParticipant;
    },
    registerTextStreamHandler: (topic, handler) => room.registerTextStreamHandler(topic, handler),
    on,
    removeAllListeners: () => room.removeAllListeners(),
  };
}
