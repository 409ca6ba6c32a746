import { request as httpRequest } from 'node:http';
import net from 'node:net';
import type { HttpRequestSpec } from './http-case.js';

export interface HttpResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly text: string;
}

export type SendResult = { readonly ok: true; readonly response: HttpResponse } | { readonly ok: false; readonly failure: string };

/**
 * Sends one request on a connection of its own (a broken request must not spoil the next), and
 * waits at most `timeoutMs` for the whole answer: no answer by then is a hang.
 */
export function sendRequest(port: number, spec: HttpRequestSpec, timeoutMs: number): Promise<SendResult> {
  return spec.framing === 'short' || spec.framing === 'raw' ? sendOnSocket(port, spec, timeoutMs) : sendWithClient(port, spec, timeoutMs);
}

function sendWithClient(port: number, spec: HttpRequestSpec, timeoutMs: number): Promise<SendResult> {
  // A declared length, unless the case asks for chunks (Node's client would chunk a written body).
  const declared = spec.body !== undefined && spec.headers['transfer-encoding'] === undefined ? { 'content-length': String(Buffer.byteLength(spec.body)) } : {};
  return new Promise((resolve) => {
    const request = httpRequest({ host: '127.0.0.1', port, method: spec.method, path: spec.path, headers: { ...spec.headers, ...declared }, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ ok: true, response: { status: response.statusCode ?? 0, headers: response.headers, text: Buffer.concat(chunks).toString('utf8') } }));
      response.on('error', (error) => resolve({ ok: false, failure: `the response broke off: ${error.message}` }));
    });
    request.setTimeout(timeoutMs, () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    request.on('error', (error) => resolve({ ok: false, failure: error.message }));
    if (spec.body !== undefined) request.write(spec.body);
    request.end();
  });
}

/**
 * Writes the request's bytes to a plain socket and reads until the server closes it: for a body
 * shorter than its Content-Length (the socket stays open; the server must give up on it) and for
 * bytes that are not HTTP at all.
 */
function sendOnSocket(port: number, spec: HttpRequestSpec, timeoutMs: number): Promise<SendResult> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ ok: false, failure: `no answer within ${timeoutMs} ms` });
    }, timeoutMs);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      const parsed = parseRawResponse(Buffer.concat(chunks).toString('utf8'));
      resolve(parsed ? { ok: true, response: parsed } : { ok: false, failure: 'the connection closed without an answer' });
    });
    socket.write(spec.framing === 'raw' ? (spec.body ?? '') : rawRequest(spec));
  });
}

function rawRequest(spec: HttpRequestSpec): Buffer {
  const body = Buffer.from(spec.body ?? '');
  const headers = Object.entries(spec.headers).map(([name, value]) => `${name}: ${value}\r\n`).join('');
  // Declares more than is sent: the request never arrives whole.
  const head = `${spec.method} ${spec.path} HTTP/1.1\r\nHost: 127.0.0.1\r\n${headers}Content-Length: ${body.length + 100}\r\n\r\n`;
  return Buffer.concat([Buffer.from(head), body]);
}

function parseRawResponse(text: string): HttpResponse | undefined {
  const match = /^HTTP\/1\.1 (\d{3}) [^\r\n]*\r\n([\s\S]*?)\r\n\r\n([\s\S]*)$/.exec(text);
  if (!match) return undefined;
  const headers: Record<string, string> = {};
  for (const line of match[2]!.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { status: Number(match[1]), headers, text: match[3]! };
}
