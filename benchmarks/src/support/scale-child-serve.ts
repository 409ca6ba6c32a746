import type { Reply, Request } from './scale-protocol.js';

/**
 * The child's side of ScaleChildProcess: says it is ready (reply 0), then answers each request
 * with what `handle` resolves to, or its error. Requests run concurrently (the bench samples
 * the gateway and the runners at once). After `stop` is answered the IPC channel is closed, the
 * last handle, so the process exits by itself; a parent that went away ends it too.
 */
export function serveRequests<Body extends { readonly type: string }>(handle: (body: Body) => Promise<unknown>): void {
  const send = (reply: Reply, then?: () => void): void => void process.send?.(reply, undefined, {}, then);
  process.on('message', (request: Request<Body>) => {
    handle(request.body).then(
      (value) => {
        // Disconnecting once the reply is flushed: the parent hears that the stop is done.
        send({ id: request.id, value: value ?? null }, request.body.type === 'stop' ? () => process.disconnect() : undefined);
      },
      (error: unknown) => send({ id: request.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
    );
  });
  process.once('disconnect', () => process.exit(0));
  send({ id: 0, value: null });
}
