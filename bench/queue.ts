/**
 * JetStream publish/consume throughput (issue 9): lives beside the package it measures
 * (packages/queue/bench/queue.ts). This wrapper runs it and writes bench/results/queue.json with the
 * figures it returns. The anchor is raw core-NATS publish of the same bytes in the same run.
 */
import { main as measure } from '../packages/queue/bench/queue.ts';
import { writeResults } from './lib/report.ts';

export async function main(args: string[]): Promise<void> {
  const f = await measure(args);
  const { machine: _machine, ...figures } = f;
  const spread = (x: { median: number; min: number; max: number }) =>
    x.median === 0 ? 0 : (x.max - x.min) / x.median;
  const file = writeResults('queue', {
    ...figures,
    anchor: 'core NATS publish of the same bytes (no persistence, no acknowledgement), same run',
    ratios: {
      ackedPublishWindowedOverCore: f.ackedPublishWindowed.median / f.corePublish.median,
      ackedPublishSerialOverCore: f.ackedPublishSerial.median / f.corePublish.median,
      bareJsPublishWindowedOverCore: f.bareJsPublishWindowed.median / f.corePublish.median,
      wrapperOverBareJs: f.ackedPublishWindowed.median / f.bareJsPublishWindowed.median,
      consumeOverCore: f.consume.median / f.corePublish.median,
    },
    spreads: {
      corePublish: spread(f.corePublish),
      ackedPublishSerial: spread(f.ackedPublishSerial),
      ackedPublishWindowed: spread(f.ackedPublishWindowed),
      bareJsPublishWindowed: spread(f.bareJsPublishWindowed),
      consume: spread(f.consume),
    },
    eventsPerMessage: 100,
    target: 'none in BENCHMARKS.md (issue 9 micro-benchmark)',
  });
  console.log(`\nwrote ${file}`);
}
