/**
 * Organisation rules from the capture policy (customer names, project code names, internal ticket
 * formats): compiled once into regexes, reported as ORG_RULE. Invalid patterns are refused at
 * compile time with a value, so a bad policy is reported instead of silently matching nothing.
 */
import { type DetectionSink, type OrgRules, report } from './detection.ts';
import { PrivacyError } from './privacy-error.ts';

export interface CompiledRule {
  name: string;
  re: RegExp;
}

export type CompileResult =
  | { ok: true; value: CompiledRule[] }
  | { ok: false; error: { rule: string; reason: string } };

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function compileOrgRules(rules: OrgRules | undefined): CompileResult {
  const out: CompiledRule[] = [];
  for (const p of rules?.patterns ?? []) {
    const flags = `${(p.flags ?? 'i').replace(/[gy]/g, '')}g`;
    try {
      const re = new RegExp(p.pattern, flags);
      if (re.test(''))
        return { ok: false, error: { rule: p.name, reason: 'pattern matches the empty string' } };
      out.push({ name: `org:${p.name}`, re });
    } catch (e) {
      return {
        ok: false,
        error: { rule: p.name, reason: e instanceof Error ? e.message : 'invalid pattern' },
      };
    }
  }
  const words = (rules?.words ?? []).map((w) => w.trim()).filter((w) => w.length > 0);
  if (words.length > 0) {
    // longest first so "Project Falcon Prime" wins over "Project Falcon"
    const alternation = words
      .sort((a, b) => b.length - a.length)
      .map((w) => escapeRegExp(w).replace(/\s+/g, '\\s+'))
      .join('|');
    out.push({
      name: 'org:word-list',
      re: new RegExp(`(?<![\\p{L}\\p{N}_])(?:${alternation})(?![\\p{L}\\p{N}_])`, 'giu'),
    });
  }
  return { ok: true, value: out };
}

const cache = new WeakMap<OrgRules, CompiledRule[]>();

/** Compiles (once per rules object) or throws a PrivacyError: callers validate policies at load. */
export function compiledRulesFor(rules: OrgRules): CompiledRule[] {
  let compiled = cache.get(rules);
  if (!compiled) {
    const r = compileOrgRules(rules);
    if (!r.ok) throw new PrivacyError('ORG_RULE_INVALID', `rule "${r.error.rule}": ${r.error.reason}`);
    compiled = r.value;
    cache.set(rules, compiled);
  }
  return compiled;
}

export function detectOrgRules(text: string, rules: CompiledRule[], out: DetectionSink): void {
  for (const r of rules) {
    r.re.lastIndex = 0;
    for (let m = r.re.exec(text); m !== null; m = r.re.exec(text)) {
      report(out, 'ORG_RULE', m.index, m.index + m[0].length, r.name);
      if (m[0].length === 0) r.re.lastIndex++;
    }
  }
}
