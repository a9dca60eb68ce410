import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDatasetSpec } from '../../datasets/src/dataset-spec.ts';
import { exampleSpecForNow } from './dataset-spec-default.ts';

const EXAMPLE = readFileSync(new URL('../../../examples/dataset-spec.yaml', import.meta.url), 'utf8');

describe("the build form's default spec", () => {
  it('is the example with a time range covering the last 30 days, and still a valid spec', () => {
    const now = Date.parse('2031-05-17T13:45:00Z');
    const text = exampleSpecForNow(EXAMPLE, now);
    expect(text).not.toBe(EXAMPLE);
    const parsed = parseDatasetSpec(text);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed));
    const { from, to } = parsed.value.timeRange;
    expect(Date.parse(from)).toBe(Date.parse('2031-04-17T00:00:00Z'));
    expect(Date.parse(to)).toBe(Date.parse('2031-05-18T00:00:00Z'));
    expect(Date.parse(from)).toBeLessThan(now);
    expect(Date.parse(to)).toBeGreaterThan(now);
    // everything else is the example's
    expect(parsed.value.name).toBe('office-navigation');
    expect(parsed.value.k).toBe(5);
  });
});
