/** JetStream publish/consume throughput (issue 9): lives beside the package it measures. */
export { main } from '../packages/queue/bench/queue.ts';
