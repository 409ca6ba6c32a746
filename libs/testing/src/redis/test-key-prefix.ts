import { randomBytes } from 'node:crypto';

/** A key prefix no other test uses, so tests share a Redis without flushing it. */
export function testKeyPrefix(label: string): string {
  return `test-${label}-${randomBytes(4).toString('hex')}`;
}
