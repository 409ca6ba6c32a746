/** The page's routes, open without a token: they hold no data (the page calls the API with the operator's token). */
export const TIMELINE_PAGE_ROUTES: readonly string[] = ['/timeline', '/timeline/:sessionId', '/timeline/assets/:file'];
