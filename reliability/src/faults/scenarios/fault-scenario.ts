import type { FaultDeployment } from '../deployment/fault-deployment.js';
import type { Round } from '../deployment/round.js';
import type { Random } from '../fault-timing.js';

/** One iteration of a scenario, as the suite hands it over. */
export interface Iteration {
  /** 0-based; also in the round's call ids, so a log line points back to its iteration. */
  readonly index: number;
  readonly deployment: FaultDeployment;
  /** Seeded: picks the fault's variant and moment. */
  readonly random: Random;
  /** Registers the iteration's round as soon as it exists: it is audited whatever happens next. */
  track(round: Round): void;
  /** What happened, for the suite's progress log ("killed runner-3 (2 tasks) after release + 7 ms"). */
  note(line: string): void;
}

/** A fault, injected once per iteration into a deployment that lives across iterations. */
export interface FaultScenario {
  readonly name: string;
  /** What is injected and when, in one line (the report and the docs). */
  readonly injects: string;
  /** Before the first iteration, on a healed deployment (e.g. the Redis fsync policy). */
  prepare?(deployment: FaultDeployment): Promise<void>;
  /** Drives one round with the fault injected, until its results were delivered; rejects when a step does not complete. */
  run(iteration: Iteration): Promise<void>;
}
