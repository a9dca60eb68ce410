/**
 * A small population for dataset tests: six contributors using a browser and an editor, two of
 * them also a rare tool; identifiable strings (subject ids, device ids, titles naming people) that
 * must not reach the output unless a spec allows the title.
 */
import type { StenoEvent } from '@steno/protocol';
import type { SubjectStream } from '../build-dataset.ts';
import { type DatasetSpec, parseDatasetSpec } from '../dataset-spec.ts';
import { EventScript } from './event-script.ts';

export const SUBJECTS = [
  'zed.quixley',
  'yuna.mxyz',
  'wim.vrooq',
  'ulla.kjopp',
  'tor.zwyx',
  'sif.qlum',
] as const;
export const RARE_USERS = ['zed.quixley', 'yuna.mxyz'] as const;
export const RARE_APP = 'com.example.RareTool';
export const START = Date.UTC(2026, 0, 5, 9, 0, 0, 0);

export const deviceOf = (subject: string, n = 1) => `dev_${subject.replace(/\W/g, 'X').padEnd(16, 'Q')}${n}`;
export const browserTitle = (subject: string) => `Payroll of ${subject} - Mozilla Firefox`;
export const editorTitle = (subject: string) => `Appraisal notes on ${subject} - Text Editor`;
export const rareTitle = (subject: string) => `${subject} diary`;

export function sessionOf(subject: string, index: number): StenoEvent[] {
  const s = new EventScript(START + index * 3_600_000 + 1_234);
  s.focus('firefox', browserTitle(subject)).move([
    [100, 100],
    [960, 540],
  ]);
  s.click(960, 540).type('send to ').redaction('EMAIL').key('Enter');
  s.wheel(960, 540, 3).shortcut(['ctrl'], 'c');
  s.task(`ask ${subject} at ${subject}@example.com`);
  s.focus('org.gnome.TextEditor', editorTitle(subject))
    .click(10, 20)
    .type('notes ')
    .paste()
    .shortcut(['ctrl'], 's');
  if ((RARE_USERS as readonly string[]).includes(subject))
    s.focus(RARE_APP, rareTitle(subject)).click(5, 5).type('x');
  return s.events;
}

/** One stream per subject, plus a second device for the first subject. */
export function population(): SubjectStream[] {
  const streams: SubjectStream[] = SUBJECTS.map((subjectId, i) => ({
    subjectId,
    deviceId: deviceOf(subjectId),
    events: sessionOf(subjectId, i),
  }));
  const first = SUBJECTS[0];
  streams.push({
    subjectId: first,
    deviceId: deviceOf(first, 2),
    screen: { w: 1280, h: 800 },
    events: sessionOf(first, 10).map((e) => (e.type === 'focus' ? { type: 'focus', t: e.t, app: e.app } : e)),
  });
  return streams;
}

export function spec(extra = ''): DatasetSpec {
  const r = parseDatasetSpec(`
name: test-set
purpose: model_training
timeRange: { from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z' }
${extra}`);
  if (!r.ok) throw new Error(`test spec refused: ${r.error.message}`);
  return r.value;
}

export const SECRET_A = new Uint8Array(32).fill(7);
export const SECRET_B = new Uint8Array(32).fill(9);
