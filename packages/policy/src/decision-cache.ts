/**
 * Cedar's answers, remembered (issue 19). A Cedar decision is a pure function of the policy set,
 * the schema and the request — principal, action, resource, context and the entities sent with
 * it — so an answer can be reused for a request that is the same in every one of those inputs.
 * The cache key is the whole request as built for Cedar, except the clock: the principal's role,
 * scopes and subject, the program's pause flag, a grant's every attribute, the read window. A
 * pause, a resume, a changed or revoked grant, a narrowed token: each changes the key, so a stale
 * answer cannot be found, rather than having to be evicted in time. The policy set is fixed for
 * the life of a CedarPolicy (a new set is a new instance, with a new cache).
 *
 * The clock is left out of the key only for actions no policy can judge by it: any policy whose
 * conditions mention `now` anywhere (break-glass grants' validity) makes every action in its scope
 * uncacheable, and one whose action scope is not a plain list of known actions makes every action
 * uncacheable. Anything the analysis does not recognise is a reason to ask Cedar.
 */
import type { Decision } from './access-types.ts';
import { ACTIONS, type Action, isAction } from './actions.ts';
import { policyToJson } from './cedar-engine.ts';
import type { CedarRequest } from './cedar-request.ts';

/**
 * The actions whose decisions may depend on the clock under `policies` (id → text): every action
 * some policy that mentions `now` applies to. Fail closed: a policy that does not convert to JSON,
 * or whose action scope is not `==` or `in` over known actions, counts as applying to all.
 */
export function clockDependentActions(policies: Readonly<Record<string, string>>): ReadonlySet<Action> {
  const out = new Set<Action>();
  for (const text of Object.values(policies)) {
    const json = policyToJson(text);
    if (json.type === 'failure') return new Set(ACTIONS);
    if (!JSON.stringify(json.json.conditions).includes('"now"')) continue;
    const scoped = actionsInScope(json.json.action);
    if (!scoped) return new Set(ACTIONS);
    for (const a of scoped) out.add(a);
  }
  return out;
}

/** The actions of an action scope, or undefined when it is not a plain list of known actions. */
function actionsInScope(scope: unknown): Action[] | undefined {
  const s = scope as { op?: unknown; entity?: unknown; entities?: unknown };
  const entities = s.op === '==' ? [s.entity] : s.op === 'in' ? [s.entities ?? s.entity].flat() : undefined;
  if (!entities) return undefined;
  const out: Action[] = [];
  for (const e of entities) {
    const { type, id } = (e ?? {}) as { type?: unknown; id?: unknown };
    if (type !== 'Steno::Action' || typeof id !== 'string' || !isAction(id)) return undefined;
    out.push(id);
  }
  return out;
}

export interface DecisionCacheStats {
  hits: number;
  misses: number;
  size: number;
}

/** A bounded map from a Cedar request (without its clock) to Cedar's decision for it. */
export class DecisionCache {
  readonly #max: number;
  readonly #clocked: ReadonlySet<Action>;
  readonly #answers = new Map<string, Decision>();
  #hits = 0;
  #misses = 0;

  /** `max` entries at most (the oldest goes first); `clocked`: actions never cached. */
  constructor(max: number, clocked: ReadonlySet<Action>) {
    this.#max = max;
    this.#clocked = clocked;
  }

  /** The key for `request`, or undefined when its decision may not be cached. */
  keyOf(action: Action, request: CedarRequest): string | undefined {
    if (this.#max <= 0 || this.#clocked.has(action)) return undefined;
    const { now: _clock, ...context } = request.context;
    return JSON.stringify([action, request.principal, request.resource, context, request.entities]);
  }

  get(key: string): Decision | undefined {
    const hit = this.#answers.get(key);
    if (hit) this.#hits++;
    else this.#misses++;
    return hit;
  }

  set(key: string, decision: Decision): void {
    if (this.#answers.size >= this.#max) {
      const oldest = this.#answers.keys().next();
      if (!oldest.done) this.#answers.delete(oldest.value);
    }
    this.#answers.set(key, Object.freeze({ ...decision }));
  }

  get stats(): DecisionCacheStats {
    return { hits: this.#hits, misses: this.#misses, size: this.#answers.size };
  }
}
