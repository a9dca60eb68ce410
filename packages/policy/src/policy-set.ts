/**
 * Turn policy sources into a validated policy set: every policy carries `@id("...")`, ids are
 * unique, and the whole set passes Cedar's strict validation against the schema with no errors and
 * no warnings (an "impossible policy" warning is a mistake, not a style note).
 */
import { createHash } from 'node:crypto';
import {
  checkParseSchema,
  type DetailedError,
  policySetTextToParts,
  policyToJson,
  validate,
} from './cedar-engine.ts';
import { PolicyError } from './policy-error.ts';
import { type PolicySources, readPolicySources } from './policy-sources.ts';

export interface ValidatedPolicySet {
  schema: string;
  /** Policy id (its `@id`) → policy text. */
  policies: Readonly<Record<string, string>>;
  /** Content hash of schema and policies; names the pre-parsed copies inside the WASM engine. */
  digest: string;
}

function messages(errors: readonly DetailedError[]): string[] {
  return errors.map((e) => (e.help ? `${e.message} (${e.help})` : e.message));
}

function splitFile(file: string, text: string, into: Record<string, string>): void {
  const parts = policySetTextToParts(text);
  if (parts.type === 'failure') {
    throw new PolicyError('POLICY_PARSE_FAILED', `${file} does not parse`, {
      details: messages(parts.errors),
    });
  }
  if (parts.policy_templates.length > 0) {
    throw new PolicyError('POLICY_PARSE_FAILED', `${file} holds templates; Steno uses static policies only`);
  }
  for (const policy of parts.policies) {
    const json = policyToJson(policy);
    if (json.type === 'failure') {
      throw new PolicyError('POLICY_PARSE_FAILED', `${file} does not parse`, {
        details: messages(json.errors),
      });
    }
    const id = json.json.annotations?.id;
    if (!id) throw new PolicyError('POLICY_ID_INVALID', `a policy in ${file} has no @id("...") annotation`);
    if (id === 'default_deny' || Object.hasOwn(into, id)) {
      throw new PolicyError('POLICY_ID_INVALID', `policy id "${id}" (in ${file}) is reserved or used twice`);
    }
    into[id] = policy;
  }
}

/**
 * Parses and validates the policy set in strict mode. Throws PolicyError on any problem, so a
 * server that calls it at start-up refuses to run with a broken policy set.
 */
export function validatePolicies(sources: PolicySources = readPolicySources()): ValidatedPolicySet {
  const schemaCheck = checkParseSchema(sources.schema);
  if (schemaCheck.type === 'failure') {
    throw new PolicyError('POLICY_SCHEMA_INVALID', 'the Cedar schema does not parse', {
      details: messages(schemaCheck.errors),
    });
  }
  const policies: Record<string, string> = {};
  for (const [file, text] of Object.entries(sources.policies)) splitFile(file, text, policies);
  if (Object.keys(policies).length === 0) {
    throw new PolicyError('POLICY_PARSE_FAILED', 'the policy set holds no policy');
  }

  const answer = validate({
    schema: sources.schema,
    policies: { staticPolicies: policies },
    validationSettings: { mode: 'strict' },
  });
  if (answer.type === 'failure') {
    throw new PolicyError('POLICY_VALIDATION_FAILED', 'the policy set could not be validated', {
      details: messages([...answer.errors, ...answer.warnings]),
    });
  }
  const problems = [...answer.validationErrors, ...answer.validationWarnings].map(
    (e) => `${e.policyId}: ${e.error.message}`,
  );
  if (problems.length > 0) {
    throw new PolicyError(
      'POLICY_VALIDATION_FAILED',
      `strict validation found ${problems.length} problem(s): ${problems.join('; ')}`,
      { details: problems },
    );
  }

  const hash = createHash('sha256').update(sources.schema);
  for (const [id, text] of Object.entries(policies)) hash.update(`\0${id}\0${text}`);
  return Object.freeze({
    schema: sources.schema,
    policies: Object.freeze(policies),
    digest: hash.digest('hex').slice(0, 16),
  });
}
