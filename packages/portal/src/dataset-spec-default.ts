/**
 * The spec the build form starts from: the repository's example (`examples/dataset-spec.yaml`)
 * with its fixed time range replaced by the 30 days up to now, so that a build started from the
 * untouched form reads recent data whatever the date.
 */
export function exampleSpecForNow(example: string, now: number): string {
  const day = (ms: number) => `${new Date(ms).toISOString().slice(0, 10)}T00:00:00Z`;
  return example.replace(
    /^timeRange:.*$/m,
    `timeRange: { from: "${day(now - 30 * 86_400_000)}", to: "${day(now + 86_400_000)}" } # the last 30 days`,
  );
}
