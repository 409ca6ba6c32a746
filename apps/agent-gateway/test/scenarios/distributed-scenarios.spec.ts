import { describeDeferredReplyScenarios } from './deferred-replies.scenarios.js';
import { distributed } from './distributed-harness.js';
import { describeDuplicateAndErrorScenarios } from './duplicates-and-errors.scenarios.js';
import { describeOwnershipScenarios } from './ownership.scenarios.js';

/** Distributed mode: Redis event store, BullMQ task queue, a tool runner in the test process. */
describeDeferredReplyScenarios('distributed, Redis + BullMQ', distributed);
describeDuplicateAndErrorScenarios('distributed, Redis + BullMQ', distributed);
describeOwnershipScenarios('distributed, Redis + BullMQ', distributed);
