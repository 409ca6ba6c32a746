#!/usr/bin/env node
import { runAsideCli } from './run-aside-cli.js';

/**
 * `npx aside tail|replay <sessionId>`: an operator's view of one session straight from the
 * event store in Redis, so it works while every gateway is down. Ctrl-C ends `tail` (exit 0).
 */
const stop = new AbortController();
process.once('SIGINT', () => stop.abort());
process.once('SIGTERM', () => stop.abort());
// `aside tail … | head`: the reader left; stop quietly rather than with an EPIPE stack.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(0);
});

const code = await runAsideCli(process.argv.slice(2), {
  env: process.env,
  signal: stop.signal,
  out: { line: (text) => process.stdout.write(`${text}\n`), note: (text) => process.stderr.write(`${text}\n`) },
});
// Once everything printed has been handed to the terminal or the pipe.
process.stdout.write('', () => process.exit(code));
