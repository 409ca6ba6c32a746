// The shared poller, under the name these specs import.
export { eventually } from '@aside/testing';
