import type { AsideEventData, TaskReport } from '@aside/events';
import type { StoredEvent } from '@aside/events/store';

type DiscardReason = AsideEventData<'ReportDiscarded'>['reason'];

/** A runner report as the session's audit log recorded it: folded, or discarded with a reason. */
export interface FoldedReport {
  readonly attempt: number;
  readonly seq: number;
  readonly report: TaskReport;
  /** Null when the report was folded (changed the task); the fence's reason otherwise. */
  readonly discarded: DiscardReason | null;
}

/**
 * Every report of one task that reached the fold, in log order, rebuilt from the events the
 * fold emitted (TaskStarted/Progressed/Succeeded/Failed, or ReportDiscarded carrying the report).
 */
export function foldedReports(events: readonly StoredEvent[], taskId: string): FoldedReport[] {
  return events.flatMap((event): FoldedReport[] => {
    if ((event.data as { taskId?: unknown }).taskId !== taskId) return [];
    const report = reportOf(event);
    if (report === undefined) return [];
    const { attempt, seq } = event.data as { attempt: number; seq: number };
    const discarded = event.type === 'ReportDiscarded' ? (event.data as AsideEventData<'ReportDiscarded'>).reason : null;
    return [{ attempt, seq, report, discarded }];
  });
}

function reportOf(event: StoredEvent): TaskReport | undefined {
  switch (event.type) {
    case 'TaskStarted':
      return { type: 'started' };
    case 'TaskProgressed':
      return { type: 'progress', message: (event.data as AsideEventData<'TaskProgressed'>).message };
    case 'TaskSucceeded': {
      const { result, handoff } = event.data as AsideEventData<'TaskSucceeded'>;
      return { type: 'succeeded', result, handoff };
    }
    case 'TaskFailed': {
      const { kind, message } = event.data as AsideEventData<'TaskFailed'>;
      return { type: 'failed', kind, message };
    }
    case 'ReportDiscarded':
      return (event.data as AsideEventData<'ReportDiscarded'>).report;
    default:
      return undefined;
  }
}

export const isTerminalReport = (folded: FoldedReport): boolean => folded.report.type === 'succeeded' || folded.report.type === 'failed';

/** The pid a fixture body named in its first update ("… running on pid 1234"), once folded. */
export function pidInProgress(folded: readonly FoldedReport[], attempt: number): number | undefined {
  for (const entry of folded) {
    if (entry.attempt !== attempt || entry.report.type !== 'progress') continue;
    const match = /running on pid (\d+)/.exec(entry.report.message);
    if (match) return Number(match[1]);
  }
  return undefined;
}
