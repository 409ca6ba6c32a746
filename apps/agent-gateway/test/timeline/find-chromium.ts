import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

const DEFAULT_PATH = '/usr/bin/chromium';

/**
 * The Chromium the page tests drive (playwright-core downloads no browser): `CHROMIUM_PATH`,
 * else Debian's `/usr/bin/chromium`, else `chromium` on the PATH. Missing, it fails the test
 * with the fix rather than skipping it — CI installs the package (.ci/run).
 */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string {
  const explicit = env['CHROMIUM_PATH'];
  if (explicit) {
    if (isExecutable(explicit)) return explicit;
    throw new Error(`CHROMIUM_PATH=${explicit} is not an executable file`);
  }
  const candidates = [DEFAULT_PATH, ...(env['PATH'] ?? '').split(delimiter).filter(Boolean).map((dir) => join(dir, 'chromium'))];
  const found = candidates.find(isExecutable);
  if (found) return found;
  throw new Error(
    `Chromium is needed for the timeline page test and was not found (${DEFAULT_PATH}, or chromium on the PATH): ` +
      'install Debian\'s package (apt-get install chromium) or set CHROMIUM_PATH to a Chromium or Chrome binary',
  );
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
