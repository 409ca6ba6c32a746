/** Query parameters that carry credentials (the WebSocket's `?token=`): never logged. */
const SECRET_PARAMS = /([?&](?:token|access_token)=)[^&#]*/gi;

/** The URL with the value of every credential query parameter replaced by `[redacted]`. */
export function redactUrl(url: string | undefined): string | undefined {
  return url?.replace(SECRET_PARAMS, '$1[redacted]');
}
