import { taskReportMessageSchema, type TaskReportMessage } from '@aside/events';

/** One inbox entry as read: a valid report, or the reason it is not one. */
export type InboxEntry =
  | { readonly id: string; readonly valid: true; readonly message: TaskReportMessage }
  | { readonly id: string; readonly valid: false; readonly raw: string; readonly reason: string };

/** Validates an entry's `m` field with the contract's zod schema (a boundary: runners may be older or newer). */
export function parseInboxEntry(id: string, fields: readonly string[] | null): InboxEntry {
  if (fields === null) return { id, valid: false, raw: '', reason: 'the entry was deleted' };
  const at = fields.findIndex((field, index) => index % 2 === 0 && field === 'm');
  const raw = at < 0 ? '' : (fields[at + 1] ?? '');
  if (at < 0) return { id, valid: false, raw: JSON.stringify(fields), reason: 'no field m' };
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    return { id, valid: false, raw, reason: `not JSON: ${(error as Error).message}` };
  }
  const parsed = taskReportMessageSchema.safeParse(json);
  if (!parsed.success) {
    return { id, valid: false, raw, reason: parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ') };
  }
  return { id, valid: true, message: parsed.data };
}
