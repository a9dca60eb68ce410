/**
 * The access policy the server's guard calls: Steno's Cedar policies, validated in strict mode and
 * pre-parsed once, answering each request with a Decision (remembered while every input but the
 * clock is the same: decision-cache.ts). Default deny; the reason is the id of
 * the determining policies for an allow, of the forbidding policies for a deny, or `default_deny`
 * when no permit applied. Anything that keeps Cedar from judging the request cleanly (unknown
 * action, malformed input, a request the schema rejects, an evaluation error) is a deny too.
 */

import type { AccessContext, AccessPolicy, Decision, Principal, ResourceRef } from './access-types.ts';
import { isAction } from './actions.ts';
import {
  type DetailedError,
  preparsePolicySet,
  preparseSchema,
  statefulIsAuthorized,
} from './cedar-engine.ts';
import { buildRequest, type CedarRequest } from './cedar-request.ts';
import { clockDependentActions, DecisionCache, type DecisionCacheStats } from './decision-cache.ts';
import { PolicyError } from './policy-error.ts';
import { type ValidatedPolicySet, validatePolicies } from './policy-set.ts';

/** What is logged for a deny: no subject ids, tokens, scopes or context values. */
export interface DenyLogEntry {
  action: string;
  principalId: string;
  role: string;
  resourceType: string;
  reason: string;
}

export interface CedarPolicyOptions {
  /** Whether the program is paused right now (the kill switch). Required: the freeze must be wired. */
  programPaused: () => boolean;
  /** The clock, epoch milliseconds (the only source of `now` in decisions). Default Date.now. */
  now?: () => number;
  /** The program's id. Default "steno". */
  programId?: string;
  /** A policy set already validated (by validatePolicies); default: the repository's files. */
  policySet?: ValidatedPolicySet;
  /** Called once for every deny. */
  onDeny?: (entry: DenyLogEntry) => void;
  /**
   * How many decisions to remember (see decision-cache.ts: keyed by the whole request but its
   * clock, never for actions a policy judges by the clock). Default 4,096; 0 asks Cedar every time.
   */
  decisionCacheSize?: number;
}

export const DEFAULT_DENY = 'default_deny';

function failure(
  code: 'POLICY_PREPARSE_FAILED',
  what: string,
  errors: readonly DetailedError[],
): PolicyError {
  return new PolicyError(code, `${what} could not be pre-parsed`, { details: errors.map((e) => e.message) });
}

export class CedarPolicy implements AccessPolicy {
  readonly #opts: Required<Omit<CedarPolicyOptions, 'policySet' | 'onDeny' | 'decisionCacheSize'>> &
    Pick<CedarPolicyOptions, 'onDeny'>;
  readonly #cacheId: string;
  readonly #decisions: DecisionCache;
  /** Ids of the policies in force, for documentation and tests. */
  readonly policyIds: readonly string[];

  constructor(options: CedarPolicyOptions) {
    const set = options.policySet ?? validatePolicies();
    // Named by content, so instances with different policy sets never overwrite each other in the
    // engine's cache, and instances with the same set share one parse.
    this.#cacheId = `steno-${set.digest}`;
    const ps = preparsePolicySet(this.#cacheId, { staticPolicies: { ...set.policies } });
    if (ps.type === 'failure') throw failure('POLICY_PREPARSE_FAILED', 'the policy set', ps.errors);
    const sc = preparseSchema(this.#cacheId, set.schema);
    if (sc.type === 'failure') throw failure('POLICY_PREPARSE_FAILED', 'the schema', sc.errors);
    this.policyIds = Object.freeze(Object.keys(set.policies).sort());
    this.#decisions = new DecisionCache(
      options.decisionCacheSize ?? 4_096,
      clockDependentActions(set.policies),
    );
    this.#opts = {
      programPaused: options.programPaused,
      now: options.now ?? Date.now,
      programId: options.programId ?? 'steno',
      onDeny: options.onDeny,
    };
  }

  authorize(
    principal: Principal,
    action: string,
    resource: ResourceRef,
    context: AccessContext = {},
  ): Decision {
    const decision = this.#decide(principal, action, resource, context);
    if (!decision.allow) {
      this.#opts.onDeny?.({
        action,
        principalId: principal.id,
        role: principal.role,
        resourceType: resource.type,
        reason: decision.reason,
      });
    }
    return decision;
  }

  #decide(principal: Principal, action: string, resource: ResourceRef, context: AccessContext): Decision {
    if (!isAction(action)) return { allow: false, reason: 'unknown_action' };
    const built = buildRequest(principal, action, resource, context, {
      now: this.#opts.now(),
      // A context may add a pause, never lift one.
      programPaused: this.#opts.programPaused() || context.programPaused === true,
      programId: this.#opts.programId,
    });
    if (!built.ok) return { allow: false, reason: built.reason };
    const key = this.#decisions.keyOf(action, built.request);
    const known = key === undefined ? undefined : this.#decisions.get(key);
    if (known) return known;
    const decision = this.#ask(built.request);
    if (key !== undefined) this.#decisions.set(key, decision);
    return decision;
  }

  /** Hits, misses and size of the decision cache. */
  get decisionCacheStats(): DecisionCacheStats {
    return this.#decisions.stats;
  }

  #ask(request: CedarRequest): Decision {
    const answer = statefulIsAuthorized({
      ...request,
      context: request.context as Record<string, never>,
      preparsedPolicySetId: this.#cacheId,
      preparsedSchemaName: this.#cacheId,
      validateRequest: true,
    });
    // The schema rejected the request (e.g. this action does not apply to this kind of resource).
    if (answer.type === 'failure') return { allow: false, reason: 'invalid_request' };
    const { decision, diagnostics } = answer.response;
    // A policy that fails to evaluate is skipped by Cedar; a skipped forbid might have applied.
    if (diagnostics.errors.length > 0) {
      const ids = [...new Set(diagnostics.errors.map((e) => e.policyId))].sort();
      return { allow: false, reason: `policy_error:${ids.join(',')}` };
    }
    const ids = [...diagnostics.reason].sort().join(',');
    if (decision === 'allow') return { allow: true, reason: ids };
    return { allow: false, reason: ids || DEFAULT_DENY };
  }
}
