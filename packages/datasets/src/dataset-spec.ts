/**
 * The dataset spec: a YAML or JSON document saying what a dataset may hold. Parsed once, validated
 * with zod (unknown fields refused), defaults filled in and frozen. Only one purpose exists:
 * `model_training`; any other is refused with its own code, so a caller can tell "you asked for
 * something forbidden" from "you made a typo" (invariant 6: there is no evaluation path).
 */
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { DEFAULT_THRESHOLDS } from './thresholds.ts';

export const DATASET_PURPOSE = 'model_training';
/** Specs longer than this are refused unread. */
export const MAX_SPEC_CHARS = 64 * 1024;

const IsoInstant = z.iso.datetime({ offset: true }).transform((s) => new Date(s).toISOString());

/** A title pattern: a regular expression the whole title must match (case-sensitive, Unicode). */
const TitlePattern = z
  .string()
  .min(1)
  .max(512)
  .refine((p) => compiles(p), { message: 'not a valid regular expression' });

const Thresholds = z
  .object({
    doubleClickMs: z.number().int().min(50).max(5_000),
    doubleClickPx: z.number().min(0).max(100),
    dragPx: z.number().min(0).max(1_000),
    typingIdleMs: z.number().int().min(50).max(600_000),
    scrollMergeMs: z.number().int().min(0).max(60_000),
    episodeIdleMs: z.number().int().min(1_000).max(86_400_000),
    taskIdleMs: z.number().int().min(1_000).max(86_400_000),
    elementJoinMs: z.number().int().min(0).max(10_000),
    elementJoinPx: z.number().min(0).max(1_000),
    includePaths: z.boolean(),
    maxPathPoints: z.number().int().min(1).max(2_000),
  })
  .partial()
  .strict()
  .transform((t) => ({ ...DEFAULT_THRESHOLDS, ...t }));

export const DatasetSpecSchema = z
  .object({
    /** Dataset name: lower-case letters, digits, `.`, `_`, `-`. */
    name: z
      .string()
      .regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'use 1-64 of a-z 0-9 . _ - (starting with a-z or 0-9)'),
    description: z.string().max(2_000).optional(),
    purpose: z.literal(DATASET_PURPOSE),
    /** Events with from ≤ t < to. */
    timeRange: z
      .object({ from: IsoInstant, to: IsoInstant })
      .strict()
      .refine((r) => Date.parse(r.from) < Date.parse(r.to), {
        message: 'from must be before to',
        path: ['to'],
      }),
    /** Allow list of applications (WM_CLASS, process name or site origin, exactly as captured); absent = all. */
    applications: z
      .object({ allow: z.array(z.string().min(1).max(128)).min(1).max(1_000) })
      .strict()
      .optional(),
    /** Minimum distinct contributors per application; rarer applications are dropped. */
    k: z.number().int().min(2).max(100_000).default(5),
    /** Timestamps are floored to a multiple of this many milliseconds. */
    quantiseMs: z.number().int().min(10).max(3_600_000).default(100),
    /** Window titles are dropped unless one of these patterns matches the whole title. */
    titles: z
      .object({ allow: z.array(TitlePattern).max(100).default([]) })
      .strict()
      .default({ allow: [] }),
    /** Task marker labels are free text typed by the contributor: dropped, or kept after redaction. */
    taskLabels: z.enum(['drop', 'redact']).default('drop'),
    /** Episodes of tasks the contributor abandoned: left out (absent means drop) or kept. */
    abandonedTasks: z.enum(['drop', 'keep']).optional(),
    /** Only task episodes their contributor reviewed and kept (absent means false: all but dropped ones). */
    reviewedOnly: z.boolean().optional(),
    /**
     * Frames (screenshots redacted on the device) attached to steps: `before_after` (absent means
     * this), `before` only, or `none`.
     */
    frames: z.enum(['none', 'before', 'before_after']).optional(),
    actions: Thresholds.default(DEFAULT_THRESHOLDS),
  })
  .strict();

export type DatasetSpec = z.output<typeof DatasetSpecSchema>;
/** The spec as written (defaults may be left out). */
export type DatasetSpecInput = z.input<typeof DatasetSpecSchema>;

export type SpecErrorCode = 'DATASET_SPEC_UNREADABLE' | 'DATASET_SPEC_INVALID' | 'DATASET_PURPOSE_REFUSED';

export interface SpecIssue {
  /** Dotted path of the offending field, e.g. `actions.dragPx`, `titles.allow.0`; '' for the whole spec. */
  path: string;
  message: string;
}

export interface SpecError {
  code: SpecErrorCode;
  /** Path of the first offending field. */
  path: string;
  message: string;
  issues: SpecIssue[];
}

export type SpecResult = { ok: true; value: DatasetSpec } | { ok: false; error: SpecError };

function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern, 'u');
    return true;
  } catch {
    return false;
  }
}

function fail(code: SpecErrorCode, issues: SpecIssue[], message: string): SpecResult {
  return { ok: false, error: { code, path: issues[0]?.path ?? '', message, issues } };
}

/** Parses YAML or JSON text (JSON is read as YAML 1.2, of which it is a subset) and validates it. */
export function parseDatasetSpec(text: string): SpecResult {
  if (text.length > MAX_SPEC_CHARS)
    return fail('DATASET_SPEC_UNREADABLE', [{ path: '', message: 'spec too long' }], 'spec too long');
  let value: unknown;
  try {
    value = parseYaml(text, { uniqueKeys: true, maxAliasCount: 16, prettyErrors: false });
  } catch (e) {
    // the parser's message names a line and column; it does not echo values
    const where = e instanceof Error ? e.message.split('\n')[0] : 'unreadable';
    return fail(
      'DATASET_SPEC_UNREADABLE',
      [{ path: '', message: where ?? 'unreadable' }],
      'spec is not YAML or JSON',
    );
  }
  return validateDatasetSpec(value);
}

/** Validates an already parsed spec object. */
export function validateDatasetSpec(value: unknown): SpecResult {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return fail(
      'DATASET_SPEC_INVALID',
      [{ path: '', message: 'expected a mapping' }],
      'spec must be a mapping',
    );
  const purpose = (value as Record<string, unknown>).purpose;
  if (typeof purpose === 'string' && purpose !== DATASET_PURPOSE)
    return fail(
      'DATASET_PURPOSE_REFUSED',
      [{ path: 'purpose', message: `only ${DATASET_PURPOSE} is accepted` }],
      `purpose refused: only ${DATASET_PURPOSE} may build a dataset`,
    );
  const parsed = DatasetSpecSchema.safeParse(value);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => {
      // an unknown field's own path is the field, not the object holding it
      const path =
        i.code === 'unrecognized_keys' && i.keys[0] !== undefined ? [...i.path, i.keys[0]] : i.path;
      return { path: path.map(String).join('.'), message: i.message };
    });
    const first = issues[0];
    return fail(
      'DATASET_SPEC_INVALID',
      issues,
      first ? `${first.path || 'spec'}: ${first.message}` : 'invalid',
    );
  }
  return { ok: true, value: deepFreeze(parsed.data) };
}

/** Compiles the title allow list: each pattern must match the whole title. */
export function titleMatcher(spec: Pick<DatasetSpec, 'titles'>): (title: string) => boolean {
  const patterns = spec.titles.allow.map((p) => new RegExp(`^(?:${p})$`, 'u'));
  return (title) => patterns.some((re) => re.test(title));
}

function deepFreeze<T>(v: T): T {
  if (typeof v === 'object' && v !== null) {
    for (const x of Object.values(v)) deepFreeze(x);
    Object.freeze(v);
  }
  return v;
}
