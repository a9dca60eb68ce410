/**
 * Shared building blocks: the page heading (one h1 per page, focused on navigation so screen
 * readers announce the new page), messages with the right live-region roles, a confirmation
 * dialog on the native <dialog> (focus trapped, Escape closes), loading of server data, and the
 * "verified" mark.
 */
import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useId, useRef, useState } from 'preact/hooks';
import type { ApiResult } from './api.ts';

export function Page(props: { title: string; intro?: ComponentChildren; children: ComponentChildren }) {
  const h1 = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${props.title} · Steno`;
    h1.current?.focus({ preventScroll: true });
  }, [props.title]);
  return (
    <>
      <h1 ref={h1} tabIndex={-1}>
        {props.title}
      </h1>
      {props.intro ? <p class="intro">{props.intro}</p> : null}
      {props.children}
    </>
  );
}

export function Section(props: { title: string; children: ComponentChildren; id?: string }) {
  const id = useId();
  return (
    <section class="card" aria-labelledby={id} id={props.id}>
      <h2 id={id}>{props.title}</h2>
      {props.children}
    </section>
  );
}

/** An error from the server, shown with its message (and the code, for support). */
export function ErrorMessage(props: { error: { code: string; message: string } | undefined }) {
  if (!props.error) return null;
  return (
    <p class="message error" role="alert">
      {props.error.message} <span class="code">({props.error.code})</span>
    </p>
  );
}

export function StatusMessage(props: { children: ComponentChildren }) {
  return (
    <p class="message ok" role="status">
      {props.children}
    </p>
  );
}

export type Loaded<T> =
  | { state: 'loading' }
  | { state: 'error'; code: string; message: string }
  | { state: 'ready'; value: T };

/** Loads once (and again on `reload()`); the result drives the page. */
export function useLoad<T>(load: () => Promise<ApiResult<T>>, deps: unknown[] = []) {
  const [data, setData] = useState<Loaded<T>>({ state: 'loading' });
  const [n, setN] = useState(0);
  useEffect(() => {
    let live = true;
    void load().then((r) => {
      if (!live) return;
      setData(
        r.ok ? { state: 'ready', value: r.value } : { state: 'error', code: r.code, message: r.message },
      );
    });
    return () => {
      live = false;
    };
  }, [n, ...deps]);
  const reload = useCallback(() => setN((x) => x + 1), []);
  return [data, reload] as const;
}

export function Loading(props: { what: string }) {
  return (
    <p class="muted" role="status" aria-live="polite">
      Loading {props.what}…
    </p>
  );
}

/** Renders a Loaded value: a loading line, the server's error, or the children. */
export function Show<T>(props: { data: Loaded<T>; what: string; children: (value: T) => ComponentChildren }) {
  if (props.data.state === 'loading') return <Loading what={props.what} />;
  if (props.data.state === 'error') return <ErrorMessage error={props.data} />;
  return <>{props.children(props.data.value)}</>;
}

export function ConfirmDialog(props: {
  open: boolean;
  title: string;
  confirmLabel: string;
  danger?: boolean;
  busy?: boolean;
  /** Disables the confirm button until the form is complete. */
  canConfirm?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  children: ComponentChildren;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (props.open && !d.open) d.showModal();
    if (!props.open && d.open) d.close();
  }, [props.open]);
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        props.onCancel();
      }}
    >
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          if (props.canConfirm !== false) props.onConfirm();
        }}
      >
        <h2 id={titleId}>{props.title}</h2>
        {props.children}
        <div class="actions">
          <button type="button" class="secondary" onClick={props.onCancel}>
            Cancel
          </button>
          <button
            type="submit"
            class={props.danger ? 'danger' : 'primary'}
            disabled={props.busy || props.canConfirm === false}
          >
            {props.confirmLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}

export function Verified(props: { state: 'pending' | 'verified' | 'failed' | 'unchecked' }) {
  switch (props.state) {
    case 'verified':
      return (
        <span
          class="badge verified"
          title="Inclusion proof checked in this browser against the signed checkpoint"
        >
          <span aria-hidden="true">✓ </span>Verified
        </span>
      );
    case 'failed':
      return (
        <span class="badge failed">
          <span aria-hidden="true">✗ </span>Not verified
        </span>
      );
    case 'pending':
      return <span class="badge muted">Checking…</span>;
    default:
      return <span class="badge muted">Not checked</span>;
  }
}

export function formatTime(ms: number): string {
  return new Date(ms).toLocaleString(undefined, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
}

/** `datetime-local` value for an epoch-ms time, in the browser's time zone. */
export function localInput(ms: number): string {
  const d = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 16);
}

/** "person:alice" → "alice"; other principals as they are. */
/** E-mail addresses by principal id, loaded for privacy officers from `GET /v1/people`. */
const directory = new Map<string, string>();

export function setPeopleDirectory(people: readonly { principal: string; email: string }[]): void {
  directory.clear();
  for (const p of people) directory.set(p.principal, p.email);
}

export function personName(id: string): string {
  return directory.get(id) ?? (id.startsWith('person:') ? id.slice(7) : id);
}

export const ROLE_LABELS: Readonly<Record<string, string>> = {
  contributor: 'Contributor',
  privacy_officer: 'Privacy officer',
  investigator: 'Investigator',
  ml_engineer: 'ML engineer',
  operator: 'Operator',
  training_service: 'Training service',
  device: 'Device',
  none: 'Nobody signed in',
};
