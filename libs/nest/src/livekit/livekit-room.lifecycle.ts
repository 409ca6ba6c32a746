import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { EngineLogger } from '@aside/engine';
import { LiveKitRoomTransport, mintAgentToken, openAiVoice, rtcRoomFactory, type LiveKitRoomTransportOptions, type RoomSessionDirectory } from '@aside/livekit';
import type { AgentGatewayModuleOptions } from '../gateway/agent-gateway.options.js';
import type { OpenedGateway } from '../gateway/create-gateway.js';
import { GATEWAY_OPTIONS, OPENED_GATEWAY } from '../gateway/gateway-tokens.js';

/**
 * The gateway in its LiveKit room, when `livekit` is configured. Which gateway joins: the one
 * owning the room's partition (`livekit.partition`), and the room's sessions are created in
 * that partition — so the gateway in the room is always the one allowed to write its sessions.
 * It joins when it gains the partition (at boot, or by taking over a dead gateway's) and leaves
 * when it loses it; the next owner joins and resumes each user's session through the directory.
 * On shutdown it leaves first; in embedded mode the sessions are closed (no one will resume
 * them), in distributed mode they stay open for the next owner. The directory is the one
 * given, else the gateway's (a Redis hash shared by the gateways in distributed mode, this
 * process's memory in embedded mode). With `speech`, the users' audio is transcribed and the
 * agent speaks through the configured OpenAI-compatible server.
 */
@Injectable()
export class LiveKitRoomLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('LiveKitRoom');
  private transport: LiveKitRoomTransport | undefined;
  private rtc: Awaited<ReturnType<typeof rtcRoomFactory>> | undefined;
  private voice: Pick<LiveKitRoomTransportOptions, 'speech' | 'hearing'> = {};
  private unwatch: (() => void) | undefined;

  constructor(
    @Inject(OPENED_GATEWAY) private readonly opened: OpenedGateway,
    @Inject(GATEWAY_OPTIONS) private readonly options: AgentGatewayModuleOptions,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const settings = this.options.livekit;
    if (settings === undefined) return;
    this.rtc = await rtcRoomFactory();
    if (settings.speech) this.voice = await openAiVoice(settings.speech, engineLogger(this.logger));
    this.unwatch = this.opened.partitions.watch({
      acquired: (partition) => {
        if (partition === settings.partition) this.enter();
      },
      lost: (partition) => {
        if (partition === settings.partition) void this.exit(false);
      },
    });
    if (this.opened.partitions.owned().includes(settings.partition)) this.enter();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.unwatch?.();
    await this.exit(!this.opened.distributed);
    await this.rtc?.dispose();
  }

  private enter(): void {
    const settings = this.options.livekit;
    if (settings === undefined || this.rtc === undefined || this.transport !== undefined) return;
    const transport = new LiveKitRoomTransport({
      port: this.opened.gateway,
      url: settings.url,
      token: () => mintAgentToken({ apiKey: settings.apiKey, apiSecret: settings.apiSecret, room: settings.room, identity: settings.identity }),
      createRoom: this.rtc.createRoom,
      agent: settings.agent,
      partition: settings.partition,
      ...this.voice,
      ...directoryOf(settings.directory ?? this.opened.roomSessionDirectory?.(settings.room)),
      ...(settings.reconnect ? { reconnect: settings.reconnect } : {}),
      logger: engineLogger(this.logger),
    });
    this.transport = transport;
    this.logger.log(`joining LiveKit room ${settings.room} on ${settings.url} as ${settings.identity}`);
    void transport.join();
  }

  private async exit(closeSessions: boolean): Promise<void> {
    const transport = this.transport;
    this.transport = undefined;
    await transport?.leave({ closeSessions });
  }
}

function directoryOf(directory: RoomSessionDirectory | undefined): Pick<LiveKitRoomTransportOptions, 'directory'> {
  return directory ? { directory } : {};
}

function engineLogger(logger: Logger): EngineLogger {
  return {
    debug: (fields, message) => logger.debug(fields, message),
    info: (fields, message) => logger.log(fields, message),
    warn: (fields, message) => logger.warn(fields, message),
    error: (fields, message) => logger.error(fields, message),
  };
}
