/**
 * Who accessed my data: every audit-log entry about my subject, newest first, each checked in this
 * browser — its exact bytes hashed and proven to be in the tree the signed checkpoint commits to.
 */
import { useEffect, useState } from 'preact/hooks';
import { readAllPages } from '../all-pages.ts';
import type { AccessEntry } from '../api.ts';
import { inBatches, loadCheckpoint, type VerifiedCheckpoint, verifyEntry } from '../audit-proofs.ts';
import {
  ErrorMessage,
  formatTime,
  Page,
  personName,
  ROLE_LABELS,
  Section,
  Show,
  useLoad,
  Verified,
} from '../ui.tsx';

/** How many of the newest entries are checked automatically (each check is one proof request). */
const AUTO_VERIFY = 50;

const ACTIONS: Readonly<Record<string, string>> = {
  'events.read': 'read your captured events',
  'breakglass.read_events': 'read your events under a break-glass grant',
  'me.access.read': 'listed who accessed your data',
  'me.consent': 'read or changed your consent',
  'me.export': 'exported your data',
  'me.erase': 'erased your data',
  'devices.enrol': 'enrolled a device of yours',
  'enrol_tokens.create': 'created an enrolment token for you',
  // Security entries (issue 15): refused attempts that named or targeted you.
  'security.ingest.batch': 'upload captured data as you',
  'security.http.input': 'name you in a request for data',
  'security.http.session': 'change something in your session from another page',
  'security.auth.token': 'use a revoked token of yours',
};

/** Devices appear in the log as `device:dev_…`; an unauthenticated attempt as `unauthenticated`. */
function actorName(e: AccessEntry): string {
  if (e.actor.role === 'device') return `Device ${e.actor.id.slice('device:'.length)}`;
  if (e.actor.role === 'none') return 'Someone not signed in';
  return `${ROLE_LABELS[e.actor.role] ?? e.actor.role} ${personName(e.actor.id)}`;
}

export function describeAccess(e: AccessEntry, me: string): { who: string; what: string } {
  const self = e.actor.id === `person:${me}`;
  const who = self ? 'You' : actorName(e);
  const what = ACTIONS[e.action] ?? e.action;
  // A security entry's reason is the stable error code: say it, so the person can look it up.
  const why = e.action.startsWith('security.') ? `refused: ${e.reason}` : 'refused';
  return { who, what: e.decision === 'deny' ? `tried to: ${what} (${why})` : what };
}

export function MyAccessPage(props: { subject: string }) {
  const [entries] = useLoad(() =>
    readAllPages<{ entries: AccessEntry[]; nextCursor: string | null }>('/v1/me/access', {}, (pages) => ({
      entries: pages.flatMap((p) => p.entries),
      nextCursor: null,
    })),
  );
  const [cp, setCp] = useState<VerifiedCheckpoint>();
  const [cpError, setCpError] = useState<{ code: string; message: string }>();
  const [marks, setMarks] = useState<Record<number, 'pending' | 'verified' | 'failed'>>({});

  useEffect(() => {
    if (entries.state !== 'ready') return;
    let live = true;
    void (async () => {
      const c = await loadCheckpoint();
      if (!live) return;
      if (!c.ok) {
        setCpError(c);
        return;
      }
      setCp(c.value);
      const newest = [...entries.value.entries].reverse().slice(0, AUTO_VERIFY);
      // Entries newer than the witnessed checkpoint (it lags) wait for the next one: not failures.
      const covered = newest.filter((e) => e.idx < c.value.checkpoint.size);
      await inBatches(covered, 4, async (e) => {
        const ok = await verifyEntry(e.idx, e.text, c.value.checkpoint);
        if (live) setMarks((m) => ({ ...m, [e.idx]: ok ? 'verified' : 'failed' }));
      });
    })();
    return () => {
      live = false;
    };
  }, [entries]);

  return (
    <Page
      title="Who accessed my data"
      intro="Every read of your data passes one guard that writes to a tamper-evident audit log first. This list comes from that log; each entry is checked here, in your browser, against the log's signed checkpoint."
    >
      <Section title="Audit checkpoint">
        {cp ? (
          <p>
            <Verified state="verified" /> Signed checkpoint of {cp.checkpoint.size} entries, key{' '}
            <code>{cp.keyLabel}</code>, cosigned by {cp.cosignedBy.map((w) => w.name).join(', ')}. Newer
            entries are checked against the next checkpoint.
          </p>
        ) : cpError ? (
          <ErrorMessage error={cpError} />
        ) : (
          <p class="muted">Checking the signed checkpoint…</p>
        )}
      </Section>
      <Section title="Accesses">
        <Show data={entries} what="the access log">
          {(v) => {
            const list = [...v.entries].reverse();
            if (list.length === 0) return <p>Nobody has accessed your data yet.</p>;
            return (
              <div class="table-wrap">
                <table class="access">
                  <caption class="visually-hidden">Accesses to your data, newest first</caption>
                  <thead>
                    <tr>
                      <th scope="col">When</th>
                      <th scope="col">Who</th>
                      <th scope="col">What</th>
                      <th scope="col">Why allowed</th>
                      <th scope="col">In the log</th>
                    </tr>
                  </thead>
                  <tbody>
                    {list.map((e, i) => {
                      const d = describeAccess(e, props.subject);
                      return (
                        <tr key={e.idx} data-idx={e.idx} class={e.decision === 'deny' ? 'denied' : undefined}>
                          <td class="nowrap">{formatTime(e.at)}</td>
                          <td>{d.who}</td>
                          <td>{d.what}</td>
                          <td>
                            <code>{e.reason}</code>
                          </td>
                          <td>
                            <Verified
                              state={marks[e.idx] ?? (i < AUTO_VERIFY && !cpError ? 'pending' : 'unchecked')}
                            />
                            <span class="muted small"> #{e.idx}</span>
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            );
          }}
        </Show>
      </Section>
    </Page>
  );
}
