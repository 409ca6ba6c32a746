import { randomUUID } from 'node:crypto';

/** Time and fresh ids for the shell; the domain gets both through command metadata only. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A fresh id where nothing can be derived (a new session, a turn without a client command id). */
export type IdSource = () => string;

export const randomIds: IdSource = () => randomUUID().replaceAll('-', '');
