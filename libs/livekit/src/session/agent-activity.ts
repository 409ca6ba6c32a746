import type { StoredEvent } from '@aside/events/store';

/** The agent states LiveKit front ends draw (`lk.agent.state`), as far as a session decides them. */
export type AgentState = 'listening' | 'thinking' | 'speaking';

/**
 * Folds a session's log into what the agent is doing: speaking while a speech plays; thinking
 * while a generation, a tool dispatch the turn waits for or a deferred reply's text is being
 * produced, or a speech waits to start; listening otherwise.
 */
export class AgentActivity {
  private readonly generations = new Set<string>();
  private readonly dispatches = new Set<string>();
  private readonly deliveries = new Set<string>();
  private readonly queuedSpeeches = new Set<string>();
  private readonly speeches = new Set<string>();

  get state(): AgentState {
    if (this.speeches.size > 0) return 'speaking';
    const busy = [this.generations, this.dispatches, this.deliveries, this.queuedSpeeches].some((pending) => pending.size > 0);
    if (busy) return 'thinking';
    return 'listening';
  }

  /** Applies one event; answers whether the state changed. */
  apply(event: StoredEvent): boolean {
    const before = this.state;
    const data = event.data as Record<string, string>;
    switch (event.type) {
      case 'GenerationRequested':
        this.generations.add(data['generationId']!);
        break;
      case 'GenerationCompleted':
      case 'GenerationFailed':
      case 'GenerationDiscarded':
        this.generations.delete(data['generationId']!);
        break;
      case 'ToolCallDispatched':
        this.dispatches.add(data['callId']!);
        break;
      case 'ToolCallResolved':
        this.dispatches.delete(data['callId']!);
        break;
      case 'ReplyDeliveryStarted':
        this.deliveries.add(data['deliveryId']!);
        break;
      case 'ReplyGenerated':
      case 'ReplyFailed':
        this.deliveries.delete(data['deliveryId']!);
        break;
      case 'SpeechQueued':
        this.queuedSpeeches.add(data['speechId']!);
        break;
      case 'SpeechStarted':
        this.queuedSpeeches.delete(data['speechId']!);
        this.speeches.add(data['speechId']!);
        break;
      case 'SpeechFinished':
        this.queuedSpeeches.delete(data['speechId']!);
        this.speeches.delete(data['speechId']!);
        break;
      case 'SessionClosed':
        this.generations.clear();
        this.dispatches.clear();
        this.deliveries.clear();
        this.queuedSpeeches.clear();
        this.speeches.clear();
        break;
    }
    return this.state !== before;
  }
}
