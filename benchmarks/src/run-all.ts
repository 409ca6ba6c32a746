/**
 * `npm run bench` — every bench, one after another, each in its own Node process so that one
 * bench's heap, sockets and RSS never colour the next one's figures. Stops at the first bench
 * that fails; a missed target is not a failure (each bench prints MISSED in its own table).
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BENCHES = ['event-store-append', 'task-overhead', 'delivery-decision', 'turn-latency', 'rehydration', 'remote-cancel-latency', 'scale'];

function run(name: string): Promise<number | null> {
  const script = fileURLToPath(new URL(`./${name}.js`, import.meta.url));
  console.log(`\n## ${name}\n`);
  const child = spawn(process.execPath, [script], { stdio: 'inherit' });
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

for (const name of BENCHES) {
  const code = await run(name);
  if (code !== 0) {
    console.error(`bench ${name} exited with ${code}`);
    process.exit(1);
  }
}
