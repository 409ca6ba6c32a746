import { activityOf, type LogEvent } from './log-event.js';
import type { WaitReason } from './timeline-model.js';

/**
 * What keeps an activity from being idle, followed along the log (the same rules as the
 * domain's `isIdle`, SEMANTICS §7, read back from events): asked at the moment a reply is
 * queued, it says why the reply has to wait.
 */
export class SessionConditions {
  /** Speeches queued or playing, any activity's: the session has one audio output. */
  private readonly audible = new Set<string>();
  private readonly paused = new Set<string>();
  private userBusy = false;
  /** Generation ids and reply deliveries in flight, by activity. */
  private readonly generating = new Map<string, Set<string>>();
  /** Dispatched calls not yet resolved, by activity. */
  private readonly dispatches = new Map<string, Set<string>>();
  private current: string | null = null;

  apply(event: LogEvent): void {
    const activityId = activityOf(event);
    switch (event.type) {
      case 'SessionStarted':
        this.current = event.data.activityId;
        break;
      case 'HandoffPerformed':
        this.current = event.data.toActivityId;
        break;
      case 'AgentTaskEntered':
        this.current = event.data.taskActivityId;
        break;
      case 'AgentTaskReturned':
        this.current = event.data.parentActivityId;
        break;
      case 'SessionClosed':
        this.current = null;
        break;
      case 'ActivityPaused':
        this.paused.add(activityId);
        break;
      case 'ActivityResumed':
        this.paused.delete(activityId);
        break;
      case 'UserStateChanged':
        this.userBusy = event.data.speaking || event.data.endOfTurnPending;
        break;
      case 'SpeechQueued':
        this.audible.add(event.data.speechId);
        break;
      case 'SpeechFinished':
        this.audible.delete(event.data.speechId);
        break;
      case 'GenerationRequested':
        setOf(this.generating, activityId).add(event.data.generationId);
        break;
      case 'GenerationCompleted':
      case 'GenerationFailed':
      case 'GenerationDiscarded':
        this.generating.get(activityId)?.delete(event.data.generationId);
        break;
      case 'ReplyDeliveryStarted':
        setOf(this.generating, event.data.activityId).add(event.data.deliveryId);
        break;
      case 'ReplyGenerated':
      case 'ReplyFailed':
        for (const inFlight of this.generating.values()) inFlight.delete(event.data.deliveryId);
        break;
      case 'ToolCallDispatched':
        setOf(this.dispatches, activityId).add(event.data.callId);
        break;
      case 'ToolCallResolved':
        this.dispatches.get(activityId)?.delete(event.data.callId);
        break;
      default:
        break;
    }
  }

  /** Why a reply for this activity cannot be delivered now; empty when it is current and idle. */
  reasonsFor(activityId: string): WaitReason[] {
    const reasons: WaitReason[] = [];
    const paused = this.paused.has(activityId);
    if (paused) reasons.push('activity_paused');
    if (this.audible.size > 0) reasons.push('agent_speaking');
    if (this.userBusy) reasons.push('user_speaking');
    if ((this.generating.get(activityId)?.size ?? 0) > 0) reasons.push('generating');
    if ((this.dispatches.get(activityId)?.size ?? 0) > 0) reasons.push('tool_call_pending');
    // A paused activity is not current either; saying so twice explains nothing.
    if (!paused && this.current !== activityId) reasons.push('not_current');
    return reasons;
  }
}

function setOf(map: Map<string, Set<string>>, key: string): Set<string> {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  return set;
}
