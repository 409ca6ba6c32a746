import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { RoomSessionDirectory } from '../../src/session/session-directory.js';

/** Opens two views of the same room's directory (two gateways, or one), and closes them. */
export interface DirectoryHarness {
  open(): Promise<{ readonly first: RoomSessionDirectory; readonly second: RoomSessionDirectory; close(): Promise<void> }>;
  /** Whether two views share what they hold (across gateways), or each is alone (in this process only). */
  readonly shared: boolean;
}

/** The contract every `RoomSessionDirectory` passes. */
export function roomSessionDirectoryContract(name: string, harness: DirectoryHarness): void {
  describe(`RoomSessionDirectory contract: ${name}`, () => {
    let opened: Awaited<ReturnType<DirectoryHarness['open']>>;
    beforeEach(async () => {
      opened = await harness.open();
    });
    afterEach(async () => {
      await opened.close();
    });

    it('finds nothing for an unknown user', async () => {
      expect(await opened.first.find('nobody')).toBeUndefined();
    });

    it('finds the session remembered for a user, and no longer once forgotten', async () => {
      await opened.first.remember('alice', 'sess-0-a');
      await opened.first.remember('bob', 'sess-0-b');
      expect(await opened.first.find('alice')).toBe('sess-0-a');
      await opened.first.forget('alice');
      expect(await opened.first.find('alice')).toBeUndefined();
      expect(await opened.first.find('bob')).toBe('sess-0-b');
      await opened.first.forget('alice'); // forgetting twice is harmless
    });

    it("keeps the user's latest session", async () => {
      await opened.first.remember('alice', 'sess-0-old');
      await opened.first.remember('alice', 'sess-0-new');
      expect(await opened.first.find('alice')).toBe('sess-0-new');
    });

    it(harness.shared ? 'is shared by every gateway of the room' : 'holds for this process only', async () => {
      await opened.first.remember('alice', 'sess-0-a');
      expect(await opened.second.find('alice')).toBe(harness.shared ? 'sess-0-a' : undefined);
    });
  });
}
