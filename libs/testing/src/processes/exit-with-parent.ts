/**
 * Loaded with `--import` into every process a test spawns (see spawn-typescript.ts): the process
 * exits once the test process that spawned it is gone, even if that one died without its cleanup
 * (a crashed or force-killed Jest worker), so no gateway or runner outlives the test run. Active
 * only when the spawning test names itself in ASIDE_TEST_PARENT_PID. The timer is unref'd: it
 * never keeps a process alive that would otherwise exit.
 */
const PARENT_VARIABLE = 'ASIDE_TEST_PARENT_PID';
const CHECK_EVERY_MS = 500;

const parent = Number(process.env[PARENT_VARIABLE]);
if (Number.isInteger(parent) && parent > 0) {
  const timer = setInterval(() => {
    try {
      process.kill(parent, 0); // signal 0 only asks whether the process exists
    } catch {
      process.exit(1);
    }
  }, CHECK_EVERY_MS);
  timer.unref();
}

export {};
