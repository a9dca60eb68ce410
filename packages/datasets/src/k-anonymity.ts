/**
 * k-anonymity per application: an application stays in the dataset only if at least k distinct
 * contributors have an episode in it; otherwise every episode in it is dropped. A rare
 * application would single its few users out ("the only person who uses X"), and an action trace
 * in it would be theirs alone.
 */

export interface AppCensus {
  /** Distinct contributors per application. */
  readonly contributors: Map<string, Set<string>>;
}

export function newCensus(): AppCensus {
  return { contributors: new Map() };
}

export function countContributor(census: AppCensus, app: string, contributor: string): void {
  let set = census.contributors.get(app);
  if (set === undefined) {
    set = new Set();
    census.contributors.set(app, set);
  }
  set.add(contributor);
}

export interface KDecision {
  /** Applications with ≥ k contributors, and how many (always ≥ k, so safe to publish). */
  kept: Map<string, number>;
  /** Applications with fewer than k contributors. Their counts are not kept: they would single people out. */
  dropped: Set<string>;
}

export function decideK(census: AppCensus, k: number): KDecision {
  const kept = new Map<string, number>();
  const dropped = new Set<string>();
  for (const [app, set] of census.contributors) {
    if (set.size >= k) kept.set(app, set.size);
    else dropped.add(app);
  }
  return { kept, dropped };
}
