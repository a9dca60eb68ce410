import { describe, expect, it } from 'vitest';
import { parseDatasetSpec, titleMatcher, validateDatasetSpec } from './dataset-spec.ts';
import { DEFAULT_THRESHOLDS } from './thresholds.ts';

const minimal = `
name: menus-q1
purpose: model_training
timeRange:
  from: 2026-01-01T00:00:00Z
  to: 2026-04-01T00:00:00Z
`;

function errorOf(text: string) {
  const r = parseDatasetSpec(text);
  if (r.ok) throw new Error('expected a refusal');
  return r.error;
}

describe('dataset spec', () => {
  it('accepts a minimal YAML spec and fills in the defaults', () => {
    const r = parseDatasetSpec(minimal);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({
      name: 'menus-q1',
      purpose: 'model_training',
      timeRange: { from: '2026-01-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z' },
      k: 5,
      quantiseMs: 100,
      titles: { allow: [] },
      taskLabels: 'drop',
      actions: DEFAULT_THRESHOLDS,
    });
    expect(r.value.applications).toBeUndefined();
    expect(Object.isFrozen(r.value)).toBe(true);
    expect(Object.isFrozen(r.value.timeRange)).toBe(true);
  });

  it('accepts JSON with every field', () => {
    const r = parseDatasetSpec(
      JSON.stringify({
        name: 'forms',
        description: 'form filling',
        purpose: 'model_training',
        timeRange: { from: '2026-01-01T00:00:00+01:00', to: '2026-01-02T00:00:00Z' },
        applications: { allow: ['firefox'] },
        k: 10,
        quantiseMs: 1000,
        titles: { allow: ['.* - Mozilla Firefox'] },
        taskLabels: 'redact',
        actions: { doubleClickMs: 400, dragPx: 4, includePaths: false },
      }),
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.timeRange.from).toBe('2025-12-31T23:00:00.000Z');
    expect(r.value.actions).toEqual({
      ...DEFAULT_THRESHOLDS,
      doubleClickMs: 400,
      dragPx: 4,
      includePaths: false,
    });
  });

  it('refuses any purpose other than model_training with its own code', () => {
    for (const purpose of [
      'performance_review_of_staff',
      'productivity',
      'Model_Training',
      'model_training ',
    ]) {
      const e = errorOf(minimal.replace('purpose: model_training', `purpose: ${JSON.stringify(purpose)}`));
      expect(e.code).toBe('DATASET_PURPOSE_REFUSED');
      expect(e.path).toBe('purpose');
      expect(e.issues).toHaveLength(1);
      if (purpose.length > 16) expect(e.message).not.toContain(purpose);
    }
  });

  it('a missing purpose is invalid, not refused', () => {
    const e = errorOf(minimal.replace('purpose: model_training\n', ''));
    expect(e).toMatchObject({ code: 'DATASET_SPEC_INVALID', path: 'purpose' });
  });

  it.each([
    ['unknown field', `${minimal}retention: forever\n`, 'retention'],
    ['unknown threshold', `${minimal}actions:\n  tripleClickMs: 10\n`, 'actions.tripleClickMs'],
    ['negative drag threshold', `${minimal}actions:\n  dragPx: -1\n`, 'actions.dragPx'],
    ['k below 2', `${minimal}k: 1\n`, 'k'],
    ['fractional k', `${minimal}k: 2.5\n`, 'k'],
    ['quantisation below 10 ms', `${minimal}quantiseMs: 1\n`, 'quantiseMs'],
    ['bad title pattern', `${minimal}titles:\n  allow: ['(unclosed']\n`, 'titles.allow.0'],
    ['empty application allow list', `${minimal}applications:\n  allow: []\n`, 'applications.allow'],
    ['bad name', minimal.replace('menus-q1', 'Menus Q1'), 'name'],
    ['bad task label mode', `${minimal}taskLabels: keep\n`, 'taskLabels'],
  ])('%s → DATASET_SPEC_INVALID at the offending field', (_label, text, path) => {
    const e = errorOf(text);
    expect(e.code).toBe('DATASET_SPEC_INVALID');
    expect(e.path).toBe(path);
    expect(e.issues.length).toBeGreaterThan(0);
  });

  it('a time range that ends before it starts is invalid at timeRange.to', () => {
    const e = errorOf(minimal.replace('2026-04-01', '2025-04-01'));
    expect(e).toMatchObject({ code: 'DATASET_SPEC_INVALID', path: 'timeRange.to' });
    const f = errorOf(minimal.replace('2026-01-01T00:00:00Z', 'last monday'));
    expect(f).toMatchObject({ code: 'DATASET_SPEC_INVALID', path: 'timeRange.from' });
  });

  it('unreadable text, duplicate keys, non-mappings and oversized specs are refused', () => {
    expect(errorOf('name: [unclosed').code).toBe('DATASET_SPEC_UNREADABLE');
    expect(errorOf(`${minimal}k: 5\nk: 6\n`).code).toBe('DATASET_SPEC_UNREADABLE');
    expect(errorOf('- a\n- b\n').code).toBe('DATASET_SPEC_INVALID');
    expect(errorOf(`${minimal}#${'x'.repeat(70_000)}`).code).toBe('DATASET_SPEC_UNREADABLE');
    const v = validateDatasetSpec(null);
    expect(v.ok).toBe(false);
  });

  it('title patterns must match the whole title', () => {
    const r = parseDatasetSpec(`${minimal}titles:\n  allow: ['Inbox', '.* - Mozilla Firefox']\n`);
    if (!r.ok) throw new Error('spec refused');
    const allowed = titleMatcher(r.value);
    expect(allowed('Inbox')).toBe(true);
    expect(allowed('Inbox - alice@example.com')).toBe(false);
    expect(allowed('Team Wiki - Mozilla Firefox')).toBe(true);
    expect(allowed('Salaries.xlsx')).toBe(false);
  });
});
