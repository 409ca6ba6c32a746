import { z } from 'zod';

/**
 * Field schemas shared by the domain's events. Ids are opaque strings minted by the deciders
 * (derived, never random); bounded so that one event can never blow the store's size limit on
 * an id alone.
 */
export const idField = z.string().min(1).max(300);
export const nameField = z.string().min(1).max(200);
/** Free text the LLM or a tool produced (may be empty). */
export const textField = z.string();
export const isoTimeField = z.iso.datetime({ offset: true });

/** Who owns an async task: `activity/<id>`, `toolset/<activityId>/<toolsetId>` or `session/<toolsetId>`. */
export const ownerKeyField = z.string().min(1).max(500);

export const deliveryModeField = z.enum(['when_idle', 'interrupt', 'silent']);
export const toolScopeField = z.enum(['bare', 'agent', 'session']);
