/**
 * The leaks and false positives issue 16 reports by hand (found while reading the output of the
 * filter on the public corpora above), kept as cases so they stay fixed. Not public material:
 * scored as their own source, `steno-issue-16`.
 */
import type { ExternalCase } from './external-case.ts';

const S = 'steno-issue-16';

export const ISSUE_CASES: ExternalCase[] = [
  {
    source: S,
    kind: 'positive',
    category: 'secret-context',
    text: 'password: Hunter2-Sup3r!',
    secrets: ['Hunter2-Sup3r!'],
  },
  {
    source: S,
    kind: 'positive',
    category: 'secret-context',
    text: 'Authorization: 7c9e6679-7425-40de-944b-e07dc4f0f1ad',
    secrets: ['7c9e6679-7425-40de-944b-e07dc4f0f1ad'],
  },
  {
    source: S,
    kind: 'positive',
    category: 'secret-context',
    text: 'authorization: bearer 5f8e2c1a-93d4-4b7e-a6f1-0c2d3e4f5a6b',
    secrets: ['5f8e2c1a-93d4-4b7e-a6f1-0c2d3e4f5a6b'],
  },
  {
    source: S,
    kind: 'positive',
    category: 'secret-context',
    text: 'HEROKU_API_TOKEN=01234567-89ab-cdef-0123-456789abcdef',
    secrets: ['01234567-89ab-cdef-0123-456789abcdef'],
  },
  {
    source: S,
    kind: 'positive',
    category: 'secret-context',
    text: 'SLACK_BOT_TOKEN=hunter2hunter',
    secrets: ['hunter2hunter'],
  },
  {
    source: S,
    kind: 'negative',
    category: 'secret-context',
    text: 'GITHUB_TOKEN=${{ secrets.GITHUB_TOKEN }}',
  },
  { source: S, kind: 'negative', category: 'secret-context', text: 'API_TOKEN=<your-token-here>' },
  { source: S, kind: 'negative', category: 'phone', text: 'build 20260301 finished in 1234567 ms' },
  { source: S, kind: 'negative', category: 'phone', text: 'order 0458123991 is delayed' },
];
