import { InMemoryEventStore } from '../src/store/index.js';
import { describeEventStoreContract } from './contract/event-store.contract.js';
import { testCatalogue } from './fixtures/test-catalogue.js';

describeEventStoreContract('in-memory', {
  create: async () => new InMemoryEventStore({ catalogue: testCatalogue }),
  // The in-memory store keeps nothing but the log: streams are read by filtering it.
  trimAllButLog: async () => undefined,
});
