import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for a gateway whose projection is wrong: it forwards each request to the real
 * gateway and answers with the body passed through `tamper`.
 */
export async function tamperingGateway(realUrl: string, tamper: (body: string) => string): Promise<{ readonly url: string; close(): Promise<void> }> {
  const server = createServer((request, response) => {
    void (async () => {
      const real = await fetch(`${realUrl}${request.url}`, { headers: { authorization: request.headers.authorization ?? '' } });
      const body = tamper(await real.text());
      response.writeHead(real.status, { 'content-type': 'application/json; charset=utf-8' }).end(body);
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
