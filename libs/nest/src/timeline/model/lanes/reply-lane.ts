import type { ReplyEntry } from '@aside/events';
import { pointOf, shorten, type LogEvent } from '../log-event.js';
import type { DeferredReplyItem, LogPoint, QueuedEntry, TimelineLane, WaitReason } from '../timeline-model.js';
import type { Draft, FoldContext, LaneBuilder } from './lane-builder.js';

const REASON_WORDS: Readonly<Record<WaitReason, string>> = {
  activity_paused: 'activity paused',
  agent_speaking: 'agent speaking',
  user_speaking: 'user talking',
  generating: 'generating',
  tool_call_pending: 'tool call pending',
  not_current: 'not current',
};

/**
 * Deferred replies, one item per batch: from its first queued entry until its delivery started
 * or it was dropped, with why it had to wait — the conditions of the log at the moment each
 * entry was queued — and, once delivered, the reply text and the speech that carried it.
 */
export class ReplyLane implements LaneBuilder {
  private readonly items: Draft<DeferredReplyItem>[] = [];
  private readonly open = new Map<string, Draft<DeferredReplyItem>>();
  private readonly byDelivery = new Map<string, Draft<DeferredReplyItem>>();

  on(event: LogEvent, context: FoldContext): void {
    const at = pointOf(event);
    switch (event.type) {
      case 'ReplyQueued': {
        const { ownerKey, batchOrder, mode, entry } = event.data;
        this.batch(ownerKey, batchOrder, mode, entry.activityId, at).entries.push(queued(entry, at, context, false));
        break;
      }
      case 'ReplyRequeued': {
        const { ownerKey, batchOrder, entries } = event.data;
        for (const entry of entries) this.batch(ownerKey, batchOrder, 'when_idle', entry.activityId, at).entries.push(queued(entry, at, context, true));
        break;
      }
      case 'ReplyDeliveryStarted': {
        const { ownerKey, batchOrder, mode, activityId, deliveryId, entries } = event.data;
        const item = this.open.get(keyOf(ownerKey, batchOrder)) ?? this.batch(ownerKey, batchOrder, mode, activityId, at);
        // Delivered in the very decision that queued it: nothing was seen waiting.
        if (item.entries.length === 0) item.entries.push(...entries.map((entry) => queued(entry, at, context, false)));
        this.close(item, at, 'delivered');
        item.activityId = activityId;
        item.deliveryId = deliveryId;
        this.byDelivery.set(deliveryId, item);
        break;
      }
      case 'ReplyGenerated': {
        const item = this.byDelivery.get(event.data.deliveryId);
        if (item) item.replyText = event.data.text;
        break;
      }
      case 'ReplyFailed': {
        const item = this.byDelivery.get(event.data.deliveryId);
        if (item) {
          item.outcome = 'failed';
          item.failure = event.data.message;
        }
        break;
      }
      case 'SpeechQueued': {
        const item = event.data.deliveryId === null ? undefined : this.byDelivery.get(event.data.deliveryId);
        if (item) item.speechId = event.data.speechId;
        break;
      }
      case 'ReplyDropped':
        this.drop(event.data.ownerKey, event.data.reason, event.data.entries, at, context);
        break;
      default:
        break;
    }
  }

  build(): TimelineLane {
    return { id: 'replies', label: 'Deferred replies', items: this.items.map(finished) };
  }

  /** The owner's open batch of this order, or a new one. */
  private batch(ownerKey: string, batchOrder: number, mode: string, activityId: string, at: LogPoint): Draft<DeferredReplyItem> {
    const key = keyOf(ownerKey, batchOrder);
    const open = this.open.get(key);
    if (open) return open;
    const reused = this.items.filter((item) => item.ownerKey === ownerKey && item.batchOrder === batchOrder).length;
    const item: Draft<DeferredReplyItem> = {
      kind: 'deferred_reply',
      id: reused === 0 ? key : `${key}~${reused}`,
      label: '',
      from: at,
      to: null,
      ownerKey,
      batchOrder,
      activityId,
      mode,
      entries: [],
      waitingFor: [],
      waitedFor: '',
      outcome: 'waiting',
      dropReason: null,
      failure: null,
      deliveryId: null,
      replyText: null,
      speechId: null,
    };
    this.items.push(item);
    this.open.set(key, item);
    return item;
  }

  /** Entries dropped: a batch left with none ends as dropped; entries of no open batch form one. */
  private drop(ownerKey: string, reason: string, entries: readonly ReplyEntry[], at: LogPoint, context: FoldContext): void {
    const remaining = new Map(entries.map((entry) => [entry.callId, entry]));
    for (const item of this.open.values()) {
      if (item.ownerKey !== ownerKey) continue;
      for (const [index, entry] of item.entries.entries()) {
        if (!remaining.delete(entry.callId) || entry.dropped !== null) continue;
        item.entries[index] = { ...entry, dropped: reason };
      }
      if (item.entries.every((entry) => entry.dropped !== null)) {
        this.close(item, at, 'dropped');
        item.dropReason = reason;
      }
    }
    if (remaining.size === 0) return;
    const orphan = this.batch(ownerKey, 0, 'when_idle', [...remaining.values()][0]!.activityId, at);
    orphan.entries.push(...[...remaining.values()].map((entry) => ({ ...queued(entry, at, context, false), dropped: reason })));
    this.close(orphan, at, 'dropped');
    orphan.dropReason = reason;
  }

  private close(item: Draft<DeferredReplyItem>, at: LogPoint, outcome: DeferredReplyItem['outcome']): void {
    item.to = at;
    item.outcome = outcome;
    this.open.delete(keyOf(item.ownerKey, item.batchOrder));
  }
}

function queued(entry: ReplyEntry, at: LogPoint, context: FoldContext, requeued: boolean): QueuedEntry {
  return { callId: entry.callId, taskId: entry.taskId, queued: at, waitingFor: context.conditions.reasonsFor(entry.activityId), requeued, dropped: null };
}

/** The batch as drawn: it waited for what kept its first entry back, and says so in its label. */
function finished(item: Draft<DeferredReplyItem>): DeferredReplyItem {
  const waitingFor = [...(item.entries[0]?.waitingFor ?? [])];
  const words = waitingFor.map((reason) => REASON_WORDS[reason]).join(', ');
  const waited = waitingFor.length === 0 ? 'no wait' : `${item.outcome === 'waiting' ? 'waiting' : 'waited'}: ${words}`;
  const calls = item.entries.map((entry) => entry.callId).join(', ');
  // Why first: it is what the lane is there to tell.
  return { ...item, waitingFor, waitedFor: words === '' ? 'did not wait' : words, label: shorten(`${waited} · ${calls}`, 120), entries: [...item.entries] };
}

function keyOf(ownerKey: string, batchOrder: number): string {
  return `${ownerKey}#${batchOrder}`;
}
