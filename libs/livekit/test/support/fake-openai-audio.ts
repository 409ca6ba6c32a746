import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OpenAI } from 'openai';
import { Observed } from './observed.js';

export interface TranscriptionRequest {
  readonly model: string;
  readonly fileName: string;
  readonly contentType: string;
  readonly audio: Uint8Array;
  readonly authorization: string | undefined;
}

export interface SpeechRequest {
  readonly model: string;
  readonly voice: string;
  readonly input: string;
  readonly responseFormat: string;
}

/**
 * An OpenAI-compatible audio server on loopback, spoken to by the real openai SDK (never a
 * mock of it): `/v1/audio/transcriptions` reads the multipart upload and answers the next
 * scripted text; `/v1/audio/speech` answers raw PCM (24 kHz, 16-bit mono) of a tone lasting
 * `speechMs`, sent in uneven chunks, or fails with `speechStatus`.
 */
export class FakeOpenAiAudio extends Observed {
  readonly transcriptions: TranscriptionRequest[] = [];
  readonly speeches: SpeechRequest[] = [];
  transcripts: string[] = [];
  speechMs = 200;
  speechStatus = 200;
  private server: Server | undefined;

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      void this.answer(request).then(
        ({ status, type, body }) => {
          response.writeHead(status, { 'content-type': type });
          if (typeof body === 'string') return response.end(body);
          // Uneven chunks: frames must not depend on where the network cuts.
          for (let offset = 0; offset < body.length; offset += 777) response.write(body.subarray(offset, offset + 777));
          response.end();
        },
        (error: unknown) => {
          response.writeHead(500, { 'content-type': 'application/json' });
          response.end(JSON.stringify({ error: { message: String(error) } }));
        },
      );
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
  }

  get baseURL(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/v1`;
  }

  client(): OpenAI {
    return new OpenAI({ apiKey: 'test-key', baseURL: this.baseURL, maxRetries: 0 });
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Waits until `condition` holds, re-checked on every request. */

  private async answer(request: IncomingMessage): Promise<{ status: number; type: string; body: string | Uint8Array }> {
    const body = await readBody(request);
    try {
      if (request.method === 'POST' && request.url === '/v1/audio/transcriptions') return await this.transcribe(request, body);
      if (request.method === 'POST' && request.url === '/v1/audio/speech') return this.speak(body);
      return { status: 404, type: 'application/json', body: JSON.stringify({ error: { message: 'not found' } }) };
    } finally {
      this.changed();
    }
  }

  private async transcribe(request: IncomingMessage, body: Uint8Array) {
    const form = await new Response(body, { headers: { 'content-type': request.headers['content-type'] ?? '' } }).formData();
    const file = form.get('file') as File;
    this.transcriptions.push({
      model: String(form.get('model')),
      fileName: file.name,
      contentType: file.type,
      audio: new Uint8Array(await file.arrayBuffer()),
      authorization: request.headers.authorization,
    });
    const text = this.transcripts.shift() ?? '';
    return { status: 200, type: 'application/json', body: JSON.stringify({ text }) };
  }

  private speak(body: Uint8Array) {
    const json = JSON.parse(new TextDecoder().decode(body)) as { model: string; voice: string; input: string; response_format: string };
    this.speeches.push({ model: json.model, voice: json.voice, input: json.input, responseFormat: json.response_format });
    if (this.speechStatus !== 200) return { status: this.speechStatus, type: 'application/json', body: JSON.stringify({ error: { message: 'speech is down' } }) };
    return { status: 200, type: 'application/octet-stream', body: tonePcm(this.speechMs, 24_000) };
  }
}

/** A 440 Hz tone at half scale, 16-bit little-endian mono. */
export function tonePcm(ms: number, sampleRate: number): Uint8Array {
  const samples = Math.round((sampleRate * ms) / 1000);
  const bytes = new Uint8Array(samples * 2);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < samples; i += 1) view.setInt16(i * 2, Math.round(16_000 * Math.sin((2 * Math.PI * 440 * i) / sampleRate)), true);
  return bytes;
}

async function readBody(request: IncomingMessage): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
}
