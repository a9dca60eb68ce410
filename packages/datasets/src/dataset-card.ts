/**
 * The dataset card: a Markdown page a person reads before training on a dataset. It says what the
 * data is for (and not for), on what consent it rests, how it was de-identified, what was redacted
 * or dropped, and what the action builder cannot know. Every figure on it is an aggregate.
 */
import type { DatasetManifest } from './manifest.ts';

const cell = (s: string | number): string =>
  String(s)
    .replace(/[\r\n]+/g, ' ')
    .replace(/[|`\\]/g, (c) => `\\${c}`);

function table(head: string[], rows: (string | number)[][]): string {
  const lines = [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`];
  for (const r of rows) lines.push(`| ${r.map(cell).join(' | ')} |`);
  return lines.join('\n');
}

export const KNOWN_LIMITS: readonly string[] = [
  'Screenshots (frames) exist only for applications whose capture scope allowed them, at most about one a second: many steps have no frame. A frame was redacted on the device (everything outside in-scope windows, and text recognised as a secret or identifier, blacked out); text the recogniser missed is not redacted, and names of people stay visible.',
  'Element targets exist only where one was read: in a browser page with the Steno extension (role, accessible name, tag, CSS selector, box, joined to the desktop click by time and position), and in desktop applications that publish an accessibility tree over AT-SPI (role, accessible name, states, box and the path from the window, for clicks and where typing started). Applications without such a tree (Electron applications unless accessibility is switched on) give no target; a password field never gives one; names of table cells, tree items, paragraphs and terminals are not kept.',
  'Typed text holds placeholders: `[EMAIL]`, `[SECRET]`, ... where the device redacted an entity, and `[PASTE]` where content was pasted (never captured). A training pipeline must substitute or mask them; `pyautogui.write` would type them literally.',
  'Within one `type` action, Backspace erases the last character typed; cursor movement, selections, undo, autocomplete and input methods (IME, dead keys) are not modelled, so the text is what was typed, not necessarily what the field ended up holding.',
  'A click inside a drag threshold is a click; a double click is two left presses within the time and distance thresholds, and a triple click three (each press within the time threshold of the one before).',
  'Keys pressed with a mouse button held, modifier keys pressed alone, back/forward mouse buttons and keys pyautogui cannot press are not actions.',
  'Scrolls are in clicks (wheel notches): deltas that are multiples of 120 (WHEEL_DELTA units) were divided by 120; a high-resolution wheel or touchpad reporting fractions of a notch in those units would be read as whole notches.',
  'Coordinates are relative to the screen the focus event reported; with several monitors they may fall outside 0–1 once normalised.',
  'Pointer paths are points only, without timing (timing of pointer and key movements can identify a person).',
  "Episodes are the tasks contributors marked (start, end, abandon), across applications; where no task was marked they are split at application switches and idle gaps, and have no instruction. Task instructions are the contributors' own words, filtered for secrets and identifiers on the device; names of people are not detected. The reasoning field of the trajectory export is empty: Steno records what people did, not why.",
  'Applications used by fewer than k contributors are dropped whole, so rare tools are under-represented.',
];

export function renderDatasetCard(manifest: DatasetManifest): string {
  const { spec, counts } = manifest;
  const redactions = Object.entries(counts.redactionsByEntity).sort(([a], [b]) => (a < b ? -1 : 1));
  const actions = Object.entries(counts.actionsByType).filter(([, n]) => n > 0);
  const dropped = counts.applicationsDropped;
  const parts = [
    `# Dataset card: ${cell(spec.name)} (version ${manifest.version})`,
    `Dataset id \`${cell(manifest.datasetId)}\`, built ${cell(manifest.createdAt)} from events between ${spec.timeRange.from} and ${spec.timeRange.to}.${spec.description ? `\n\n${cell(spec.description)}` : ''}`,
    '## Purpose',
    'Training computer-use models (`model_training`), the only purpose a Steno dataset can be built for. It must not be used to evaluate, rank, monitor or identify any person: it holds no per-person metric and none may be derived from it.',
    '## Consent basis',
    `Built only from contributors with current consent at build time, under consent notice version(s) ${manifest.consentNoticeVersions.map((v) => `\`${cell(v)}\``).join(', ') || '(none given)'} and capture policy version \`${cell(manifest.policyVersion)}\`. A contributor who withdraws consent or is erased is removed by rebuilding; versions that contain them are revoked.`,
    '## De-identification',
    [
      `- Contributors appear only as per-dataset pseudonyms (HMAC-SHA-256 of the subject id under a secret of this dataset): stable within the dataset, unlinkable across datasets. No subject id, name or device id is in any file.`,
      `- k-anonymity per application: an application is kept only if at least **k = ${spec.k}** distinct contributors used it.`,
      `- Timestamps are floored to **${spec.quantiseMs} ms**; pointer paths carry no timing.`,
      `- Window titles are dropped unless allow-listed (${spec.titles.allow.length} pattern(s)); task marker labels are ${spec.taskLabels === 'redact' ? 'kept after redaction' : 'dropped'}.`,
      '- Secrets and personal data were replaced by entity markers on the device before upload, and re-checked on the server at ingest.',
      '- Frames were blacked out on the device before they were encoded: every pixel outside the in-scope windows, and text the on-device recogniser read as a secret or identifier. Frames carry no title and no time.',
    ].join('\n'),
    '## Contents',
    table(
      ['contributors', 'episodes', 'steps', 'frames'],
      [[counts.contributorsKept, counts.episodes, counts.steps, counts.frames ?? 0]],
    ),
    table(['action', 'steps'], actions),
    `Episodes that are tasks contributors marked: ${counts.tasks ?? 0} (abandoned tasks left out: ${counts.episodesAbandonedDropped ?? 0}; dropped by their contributor in review: ${counts.episodesDroppedInReview ?? 0}). Steps with an element target: ${counts.stepsWithTarget ?? 0}.`,
    '## Redaction statistics',
    redactions.length === 0
      ? 'No redaction markers in the typed text of this dataset.'
      : table(
          ['entity type', 'markers'],
          redactions.map(([e, n]) => [e, n ?? 0]),
        ),
    `Pastes (content never captured): ${counts.pastes}.`,
    '## Applications',
    table(
      ['application', 'contributors', 'episodes'],
      counts.applicationsKept.map((a) => [a.app, a.contributors, a.episodes]),
    ),
    `Dropped for fewer than k contributors: ${dropped.count} application(s), ${dropped.episodes} episode(s)${dropped.named.length > 0 ? `, among them the allow-listed ${dropped.named.map((a) => `\`${cell(a)}\``).join(', ')}` : ''}. Names of other dropped applications are withheld.`,
    '## Known limits',
    KNOWN_LIMITS.map((l) => `- ${l}`).join('\n'),
    '## Files',
    table(
      ['file', 'bytes', 'SHA-256 (plaintext)', 'SHA-256 (encrypted)'],
      manifest.files.map((f) => [f.name, f.bytes, f.sha256, f.encryptedSha256]),
    ),
  ];
  return `${parts.join('\n\n')}\n`;
}
