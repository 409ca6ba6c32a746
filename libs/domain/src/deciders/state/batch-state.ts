import type { AsideEvent, ReplyEntry } from '@aside/events';

/**
 * A pending reply batch of one owner (SEMANTICS §7 coalescing): at most one open `when_idle`
 * batch per owner; each `interrupt` entry is a batch of its own. Delivery removes a whole batch.
 */
export interface BatchState {
  readonly ownerKey: string;
  readonly batchOrder: number;
  readonly mode: 'when_idle' | 'interrupt';
  readonly entries: readonly ReplyEntry[];
}

export function openWhenIdleBatch(batches: readonly BatchState[], ownerKey: string): BatchState | undefined {
  return batches.find((batch) => batch.ownerKey === ownerKey && batch.mode === 'when_idle');
}

/** Folds the reply events of one owner container. */
export function evolveBatches(batches: readonly BatchState[], event: AsideEvent): readonly BatchState[] {
  switch (event.type) {
    case 'ReplyQueued': {
      const { ownerKey, batchOrder, mode, entry } = event.data;
      if (mode === 'interrupt') return [...batches, { ownerKey, batchOrder, mode, entries: [entry] }];
      return join(batches, ownerKey, batchOrder, (open) => [...open, entry]);
    }
    case 'ReplyRequeued':
      // Put back in front: they are older than anything queued since.
      return join(batches, event.data.ownerKey, event.data.batchOrder, (open) => [...event.data.entries, ...open]);
    case 'ReplyDeliveryStarted':
      return batches.filter((batch) => batch.batchOrder !== event.data.batchOrder);
    case 'ReplyDropped': {
      const dropped = new Set(event.data.entries.map((entry) => entry.callId));
      return batches
        .map((batch) =>
          batch.ownerKey === event.data.ownerKey ? { ...batch, entries: batch.entries.filter((entry) => !dropped.has(entry.callId)) } : batch,
        )
        .filter((batch) => batch.entries.length > 0);
    }
    default:
      return batches;
  }
}

function join(
  batches: readonly BatchState[],
  ownerKey: string,
  batchOrder: number,
  merge: (open: readonly ReplyEntry[]) => readonly ReplyEntry[],
): readonly BatchState[] {
  const open = openWhenIdleBatch(batches, ownerKey);
  if (!open) return [...batches, { ownerKey, batchOrder, mode: 'when_idle', entries: merge([]) }];
  return batches.map((batch) => (batch === open ? { ...batch, entries: merge(batch.entries) } : batch));
}
