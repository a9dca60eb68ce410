/**
 * Subject access: everything Steno holds about one contributor — their events (read through the
 * guard, so the export itself is authorised and audited), their reviews of their tasks (issue 17,
 * through the guard too), consent history, every recorded access to their data and their devices —
 * as a zip of JSON files plus a page a person can read.
 */
import { strToU8, zipSync } from 'fflate';
import type { AuditLog, StoredAuditEntry } from '../audit/audit-log.ts';
import type { Principal } from '../auth/principal.ts';
import type { EventCursor, Guard, StoredEvent } from '../guard/guard.ts';
import type { SqlClient } from '../store/sql-client.ts';
import { listDevices } from '../store/subjects-repo.ts';
import { consentState } from './consent.ts';

export type ExportResult = { ok: true; zip: Uint8Array } | { ok: false; reason: string };

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

export async function exportSubject(
  deps: { db: SqlClient; guard: Guard; audit: AuditLog; now: () => number },
  principal: Principal,
  subject: string,
): Promise<ExportResult> {
  // Everything, page by page (issue 20: no silent cap); each page is a guarded, audited read.
  const read = { value: { events: [] as StoredEvent[], shredded: 0 } };
  let cursor: EventCursor | undefined;
  do {
    const page = await deps.guard.readEvents(principal, {
      subject,
      from: 0,
      to: Number.MAX_SAFE_INTEGER,
      limit: 0,
      page: { cursor, maxEvents: 5_000 },
    });
    if (!page.ok) return { ok: false, reason: page.reason };
    for (const e of page.value.events) read.value.events.push(e);
    read.value.shredded += page.value.shredded;
    cursor = page.value.nextCursor ?? undefined;
  } while (cursor);
  const reviews = await deps.guard.readReviews(principal, subject);
  if (!reviews.ok) return { ok: false, reason: reviews.reason };
  const consent = await consentState(deps.db, subject);
  const access: StoredAuditEntry[] = [];
  for (let after = -1; ; ) {
    const page = await deps.audit.listForSubject(subject, 5_000, after);
    for (const e of page) access.push(e);
    const last = page[page.length - 1];
    if (page.length < 5_000 || !last) break;
    after = last.idx;
  }
  const devices = (await listDevices(deps.db, subject)).map((d) => ({
    id: d.id,
    name: d.name,
    createdAt: d.createdAt,
    revokedAt: d.revokedAt,
  }));
  const generatedAt = new Date(deps.now()).toISOString();
  const accessRows = access
    .map(
      (e) =>
        `<tr><td>${new Date(e.at).toISOString()}</td><td>${escapeHtml(e.actor.id)}</td><td>${escapeHtml(e.action)}</td><td>${e.decision}</td><td>${escapeHtml(e.reason)}</td></tr>`,
    )
    .join('\n');
  const page = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Your Steno data</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#111}table{border-collapse:collapse;width:100%}td,th{border:1px solid #999;padding:.25rem .5rem;text-align:left}</style></head>
<body>
<h1>Everything Steno holds about ${escapeHtml(subject)}</h1>
<p>Generated ${generatedAt}. The files beside this page hold the same data as JSON.</p>
<ul>
<li><strong>${read.value.events.length}</strong> captured events (events.json); ${read.value.shredded} older parts were destroyed by retention or erasure and can no longer be read by anyone.</li>
<li><strong>${reviews.value.length}</strong> reviews of tasks you marked: keep or drop, and your descriptions (task-reviews.json).</li>
<li>Consent: ${consent.current ? `you consent to notice version ${consent.notice?.version}` : 'you do not currently consent'} (consent.json).</li>
<li><strong>${devices.length}</strong> devices (devices.json).</li>
<li><strong>${access.length}</strong> recorded accesses to your data, by whom and why (access-log.json), below.</li>
</ul>
<h2>Who accessed your data</h2>
<table><thead><tr><th>when (UTC)</th><th>who</th><th>what</th><th>decision</th><th>why</th></tr></thead><tbody>
${accessRows}
</tbody></table>
</body></html>
`;
  const json = (v: unknown) => strToU8(`${JSON.stringify(v, null, 2)}\n`);
  const zip = zipSync({
    'index.html': strToU8(page),
    'events.json': json(read.value.events),
    'consent.json': json({
      notice: consent.notice ?? null,
      current: consent.current,
      history: consent.history,
    }),
    'access-log.json': json(
      access.map((e) => ({
        idx: e.idx,
        at: e.at,
        actor: e.actor.id,
        role: e.actor.role,
        action: e.action,
        decision: e.decision,
        reason: e.reason,
        entry: e.text,
      })),
    ),
    'devices.json': json(devices),
    'task-reviews.json': json(reviews.value),
  });
  return { ok: true, zip };
}
