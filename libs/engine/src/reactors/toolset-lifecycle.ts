import type { StoredEvent } from '@aside/events/store';
import type { AsideEventData } from '@aside/events';
import type { LiveAgentRegistry, SessionState, ToolsetDefinition } from '@aside/domain';
import type { EngineLogger } from './reactor-context.js';

/**
 * Toolset hooks (SEMANTICS §2): `setup` once when the owning activity starts — or, for a
 * session-scoped toolset, when the first activity that offers it starts — and `close` when that
 * activity (or the session) closes; never on pause or resume, so a toolset's state survives an
 * agent task. This process remembers what it set up, so reading the log again after a restart
 * sets up what is still open and closes only what it opened.
 */
export class ToolsetLifecycle {
  private readonly open = new Map<string, { readonly toolset: ToolsetDefinition; readonly sessionId: string }>();

  constructor(
    private readonly registry: LiveAgentRegistry,
    private readonly logger: EngineLogger,
  ) {}

  async react(sessionId: string, event: StoredEvent, state: SessionState): Promise<void> {
    switch (event.type) {
      case 'ActivityStarted': {
        const { activityId, agent } = event.data as AsideEventData<'ActivityStarted'>;
        if (state.activities[activityId]?.status === 'closed' || state.status !== 'active') return;
        for (const toolset of this.registry.definition(agent)?.toolsets ?? []) {
          await this.setup(sessionId, toolset.scope === 'session' ? `${sessionId}/session/${toolset.id}` : `${sessionId}/${activityId}/${toolset.id}`, toolset);
        }
        return;
      }
      case 'ActivityClosed': {
        const activityId = event.stream.split('/')[2] ?? '';
        await this.closeWhere((key) => key.startsWith(`${sessionId}/${activityId}/`));
        return;
      }
      case 'SessionClosed':
        await this.closeWhere((key) => key.startsWith(`${sessionId}/`));
        return;
      default:
        return;
    }
  }

  /** Closes everything still open (gateway shutdown). */
  closeAll(): Promise<void> {
    return this.closeWhere(() => true);
  }

  private async setup(sessionId: string, key: string, toolset: ToolsetDefinition): Promise<void> {
    if (this.open.has(key)) return;
    this.open.set(key, { toolset, sessionId });
    try {
      await toolset.setup?.({ sessionId, logger: toolLogger(this.logger, { sessionId, toolsetId: toolset.id }) });
    } catch (error) {
      this.logger.error({ sessionId, toolsetId: toolset.id, err: error }, 'toolset setup failed');
    }
  }

  private async closeWhere(matches: (key: string) => boolean): Promise<void> {
    for (const [key, { toolset, sessionId }] of [...this.open]) {
      if (!matches(key)) continue;
      this.open.delete(key);
      try {
        await toolset.close?.({ sessionId, logger: toolLogger(this.logger, { sessionId, toolsetId: toolset.id }) });
      } catch (error) {
        this.logger.error({ sessionId, toolsetId: toolset.id, err: error }, 'toolset close failed');
      }
    }
  }
}

/** The `(message, fields)` logger a hook receives, on top of the engine's pino-shaped one. */
function toolLogger(logger: EngineLogger, base: Record<string, unknown>) {
  const at = (level: keyof EngineLogger) => (message: string, fields: Record<string, unknown> = {}) => logger[level]({ ...base, ...fields }, message);
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
