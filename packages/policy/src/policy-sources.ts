/**
 * The policy files in the repository: cedar/steno.cedarschema and every cedar/*.cedar, read once
 * at load time. Sources can also be handed in directly (tests of broken policies do that).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PolicyError } from './policy-error.ts';

export interface PolicySources {
  /** Cedar schema, human format. */
  schema: string;
  /** File name → Cedar policy text, in file-name order. */
  policies: Readonly<Record<string, string>>;
}

/** The folder holding the schema and the policy files. */
export const CEDAR_DIR = fileURLToPath(new URL('../cedar/', import.meta.url));
export const SCHEMA_FILE = 'steno.cedarschema';

export function readPolicySources(dir: string = CEDAR_DIR): PolicySources {
  try {
    const schema = readFileSync(join(dir, SCHEMA_FILE), 'utf8');
    const policies: Record<string, string> = {};
    for (const file of readdirSync(dir)
      .filter((f) => f.endsWith('.cedar'))
      .sort()) {
      policies[file] = readFileSync(join(dir, file), 'utf8');
    }
    return { schema, policies };
  } catch (cause) {
    throw new PolicyError('POLICY_FILES_UNREADABLE', 'the Cedar schema or policy files could not be read', {
      cause,
    });
  }
}

/** The schema text of the repository's policy set. */
export function loadSchemaText(dir: string = CEDAR_DIR): string {
  return readPolicySources(dir).schema;
}
