import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { access, mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { isSessionId } from '@aside/events';
import { ArchiveConflictError, type SessionArchive } from './session-archive.js';

/**
 * Archives in a directory, one `<sessionId>.jsonl` file per session. A file appears whole or
 * not at all: it is written to a temporary file in the same directory, fsynced, renamed over
 * its final name, and the directory fsynced, so a crash leaves either no archive, the previous
 * one, or the new one — at worst a stray `.tmp` file. Files are readable by their owner only
 * (a log holds the conversation).
 */
export class FileSessionArchive implements SessionArchive {
  readonly directory: string;

  constructor(directory: string) {
    this.directory = resolve(directory);
  }

  async ready(): Promise<void> {
    await mkdir(this.directory, { recursive: true, mode: 0o700 });
    await access(this.directory, constants.W_OK | constants.X_OK);
  }

  pathOf(sessionId: string): string {
    // Session ids are [A-Za-z0-9-]: safe as a file name, never a path.
    if (!isSessionId(sessionId)) throw new RangeError(`Not a session id: ${sessionId}`);
    return join(this.directory, `${sessionId}.jsonl`);
  }

  async store(sessionId: string, lines: readonly string[]): Promise<'written' | 'unchanged'> {
    const path = this.pathOf(sessionId);
    const content = lines.map((line) => `${line}\n`).join('');
    const existing = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    if (existing === content) return 'unchanged';
    if (existing !== undefined && !content.startsWith(existing)) throw new ArchiveConflictError(sessionId, path);
    await mkdir(this.directory, { recursive: true, mode: 0o700 });
    await this.writeWhole(path, content);
    return 'written';
  }

  private async writeWhole(path: string, content: string): Promise<void> {
    const temporary = join(this.directory, `.${randomBytes(6).toString('hex')}.tmp`);
    try {
      const file = await open(temporary, 'wx', 0o600);
      try {
        await file.writeFile(content, 'utf8');
        await file.sync();
      } finally {
        await file.close();
      }
      await rename(temporary, path);
    } catch (error) {
      await unlink(temporary).catch(() => undefined);
      throw error;
    }
    await this.syncDirectory();
  }

  /** Makes the rename itself durable. Not every platform can open a directory (Windows): skipped there. */
  private async syncDirectory(): Promise<void> {
    let directory;
    try {
      directory = await open(this.directory, 'r');
    } catch {
      return;
    }
    try {
      await directory.sync();
    } catch {
      // EINVAL/EISDIR on file systems without directory fsync: the rename is as durable as they allow.
    } finally {
      await directory.close();
    }
  }
}
