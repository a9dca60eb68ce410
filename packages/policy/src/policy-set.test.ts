import { describe, expect, it } from 'vitest';
import { ACTIONS, BREAKGLASS_MAX_TTL_MS, BREAKGLASS_REASON_CODES, ROLES } from './actions.ts';
import { checkParseSchema, schemaToJson } from './cedar-engine.ts';
import { PolicyError } from './policy-error.ts';
import { validatePolicies } from './policy-set.ts';
import { readPolicySources } from './policy-sources.ts';

function expectPolicyError(fn: () => unknown, code: string): PolicyError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(PolicyError);
    expect((e as PolicyError).code).toBe(code);
    return e as PolicyError;
  }
  throw new Error(`expected PolicyError ${code}`);
}

describe('the policy set in the repository', () => {
  const sources = readPolicySources();

  it('passes strict validation against the schema with no errors and no warnings', () => {
    const set = validatePolicies(sources);
    expect(Object.keys(set.policies).length).toBeGreaterThan(10);
    expect(set.digest).toMatch(/^[0-9a-f]{16}$/);
  });

  it('declares exactly the actions, roles and reason codes the TypeScript side knows', () => {
    expect(checkParseSchema(sources.schema).type).toBe('success');
    const json = schemaToJson(sources.schema);
    if (json.type !== 'success') throw new Error('schema did not convert');
    const ns = json.json.Steno;
    if (!ns) throw new Error('no Steno namespace');
    expect(Object.keys(ns.actions).sort()).toEqual([...ACTIONS].sort());
    const enumOf = (name: string) => (ns.entityTypes[name] as { enum?: string[] }).enum;
    expect(enumOf('Role')).toEqual([...ROLES]);
    expect(enumOf('ReasonCode')).toEqual([...BREAKGLASS_REASON_CODES]);
  });

  it('states the 72-hour cap in the same number as BREAKGLASS_MAX_TTL_MS', () => {
    expect(sources.policies['breakglass.cedar']).toContain(String(BREAKGLASS_MAX_TTL_MS));
  });
});

describe('a broken policy set is refused with a PolicyError', () => {
  const { schema } = readPolicySources();
  const ok = '@id("x") permit (principal is Steno::Person, action == Steno::Action::"scope.read", resource);';

  it('refuses a policy that names an unknown role (strict validation)', () => {
    const bad = `@id("typo") permit (principal, action == Steno::Action::"scope.read", resource) when { principal.role == Steno::Role::"operater" };`;
    const err = expectPolicyError(
      () => validatePolicies({ schema, policies: { 'a.cedar': bad } }),
      'POLICY_VALIDATION_FAILED',
    );
    expect(err.details.join('\n')).toContain('typo');
  });

  it('refuses an attribute the schema does not declare', () => {
    const bad = `@id("attr") permit (principal, action == Steno::Action::"scope.read", resource) when { principal.isAdmin };`;
    expectPolicyError(
      () => validatePolicies({ schema, policies: { 'a.cedar': bad } }),
      'POLICY_VALIDATION_FAILED',
    );
  });

  it('refuses a policy that can never apply (a validator warning is a failure too)', () => {
    const impossible = `@id("never") forbid (principal, action == Steno::Action::"metrics.read", resource) unless { resource is Steno::Program };`;
    expectPolicyError(
      () => validatePolicies({ schema, policies: { 'a.cedar': impossible } }),
      'POLICY_VALIDATION_FAILED',
    );
  });

  it('refuses a policy without @id, and two policies with the same @id', () => {
    const noId = 'permit (principal, action == Steno::Action::"scope.read", resource);';
    expectPolicyError(() => validatePolicies({ schema, policies: { 'a.cedar': noId } }), 'POLICY_ID_INVALID');
    expectPolicyError(
      () => validatePolicies({ schema, policies: { 'a.cedar': ok, 'b.cedar': ok } }),
      'POLICY_ID_INVALID',
    );
    const reserved = ok.replace('"x"', '"default_deny"');
    expectPolicyError(
      () => validatePolicies({ schema, policies: { 'a.cedar': reserved } }),
      'POLICY_ID_INVALID',
    );
  });

  it('refuses text that does not parse, a schema that does not parse, and an empty set', () => {
    expectPolicyError(
      () => validatePolicies({ schema, policies: { 'a.cedar': 'permit (principal' } }),
      'POLICY_PARSE_FAILED',
    );
    expectPolicyError(
      () => validatePolicies({ schema: 'namespace {', policies: { 'a.cedar': ok } }),
      'POLICY_SCHEMA_INVALID',
    );
    expectPolicyError(() => validatePolicies({ schema, policies: {} }), 'POLICY_PARSE_FAILED');
  });

  it('refuses a folder it cannot read', () => {
    expectPolicyError(() => readPolicySources('/nonexistent/steno-cedar'), 'POLICY_FILES_UNREADABLE');
  });
});
