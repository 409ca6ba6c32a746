import { readFile } from 'node:fs/promises';

/**
 * The page's static files (libs/nest/assets/timeline): the same two levels above this file
 * from the sources (src/timeline) and from the build (dist/timeline). Only these names are
 * served — a request never names a path on disk.
 */
const ASSETS_DIR = new URL('../../assets/timeline/', import.meta.url);

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  'index.html': 'text/html; charset=utf-8',
  'timeline.js': 'text/javascript; charset=utf-8',
  'chart.js': 'text/javascript; charset=utf-8',
  'timeline.css': 'text/css; charset=utf-8',
};

export interface TimelineAsset {
  readonly body: Buffer;
  readonly contentType: string;
}

/** Reads each file once, on first use; a name that is not one of the page's files is undefined. */
export class TimelineAssets {
  private readonly cache = new Map<string, Promise<TimelineAsset | undefined>>();

  constructor(private readonly dir: URL = ASSETS_DIR) {}

  get(name: string): Promise<TimelineAsset | undefined> {
    const contentType = Object.hasOwn(CONTENT_TYPES, name) ? CONTENT_TYPES[name] : undefined;
    if (contentType === undefined) return Promise.resolve(undefined);
    let asset = this.cache.get(name);
    if (!asset) {
      asset = readFile(new URL(name, this.dir)).then(
        (body) => ({ body, contentType }),
        (error: unknown) => {
          this.cache.delete(name); // installed later (a copied assets directory): found on the next request
          throw new Error(`The timeline page's file ${name} is missing from ${this.dir.pathname}`, { cause: error });
        },
      );
      this.cache.set(name, asset);
    }
    return asset;
  }
}
