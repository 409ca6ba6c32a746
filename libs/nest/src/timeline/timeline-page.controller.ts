import { Controller, Get, Logger, Param, Res } from '@nestjs/common';
import { ApiError } from '../http-api/errors/api-error.js';
import { TimelineAssets, type TimelineAsset } from './timeline-assets.js';

interface AssetReply {
  header(name: string, value: string): unknown;
}

/**
 * Hand-written static files, so a strict policy fits: scripts and styles from this origin only,
 * fetches and the stream to this origin only, and no referrer (a `?token=` must not leak).
 */
const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-cache',
};

/**
 * `GET /timeline` (the open sessions, searchable by id) and `GET /timeline/:sessionId` (one
 * session as swimlanes, live): one HTML page that routes on its path, and its script and style.
 */
@Controller('timeline')
export class TimelinePageController {
  private readonly logger = new Logger('TimelinePage');
  private readonly assets = new TimelineAssets();

  @Get()
  list(@Res({ passthrough: true }) reply: AssetReply): Promise<Buffer> {
    return this.serve('index.html', reply);
  }

  @Get('assets/:file')
  asset(@Param('file') file: string, @Res({ passthrough: true }) reply: AssetReply): Promise<Buffer> {
    return this.serve(file, reply);
  }

  // The page reads the session id from its own path (and asks the API, which checks it).
  @Get(':sessionId')
  session(@Res({ passthrough: true }) reply: AssetReply): Promise<Buffer> {
    return this.serve('index.html', reply);
  }

  private async serve(name: string, reply: AssetReply): Promise<Buffer> {
    let asset: TimelineAsset | undefined;
    try {
      asset = await this.assets.get(name);
    } catch (error) {
      this.logger.warn({ err: error }, 'timeline page not installed');
      throw new ApiError(404, 'NOT_FOUND', 'The timeline page is not installed on this gateway (libs/nest/assets/timeline is missing)');
    }
    if (!asset) throw new ApiError(404, 'NOT_FOUND', 'No such route');
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) reply.header(name, value);
    reply.header('content-type', asset.contentType);
    return asset.body;
  }
}
