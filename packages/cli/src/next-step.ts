/**
 * What a person does next after the server refused a CLI request, by stable error code
 * (docs/errors.md). Credential refusals (401, 403) are explained by the API client, which knows
 * which credential was used; everything without an entry here gets the command's --help from main.
 */
const NEXT_STEP: Record<string, string> = {
  SCHEMA_INVALID: "check the values against the command's --help",
  MALFORMED_JSON: "check the values against the command's --help",
  NOT_FOUND: 'check the id or name (the list commands print them, e.g. steno dataset list)',
  RATE_LIMITED: 'wait a minute and try again',
  DATASET_SPEC_UNREADABLE: 'fix the spec file: YAML or JSON, no duplicate keys (examples/dataset-spec.yaml)',
  DATASET_SPEC_INVALID: 'fix the named field of the spec (packages/datasets/README.md lists the fields)',
  DATASET_NOT_READY: 'wait for the build to finish: steno dataset show ID prints its state',
  DATASET_REVOKED: 'build a new version: steno dataset build SPEC',
  SUBJECT_ERASED: 'a privacy officer invites the person again before a device is enrolled',
  ACCOUNT_EXISTS: 'the person signs in with their account; no invitation is needed',
  LOCAL_ACCOUNTS_DISABLED: 'people sign in with the identity provider; invite them by the e-mail it knows',
  AUDIT_UNAVAILABLE: 'the server could not write its audit log: ask the operator (docs/operations.md)',
  AUDIT_TAMPERED:
    'the audit log failed its self-check: open an incident and ask the operator (docs/operations.md)',
  KEY_UNAVAILABLE: 'the data key is destroyed or unreachable: ask the operator (docs/operations.md)',
  STORE_UNAVAILABLE: 'the server cannot reach its store: ask the operator (docs/operations.md)',
};

/** The next step for a server error code, or undefined when the command's --help is the best advice. */
export function nextStepFor(code: string, requestId?: string): string | undefined {
  if (code === 'INTERNAL' || code.startsWith('HTTP_5'))
    return `the server logged it${requestId ? ` with request id ${requestId}` : ''}: tell the operator`;
  return NEXT_STEP[code];
}
