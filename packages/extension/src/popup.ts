/// <reference lib="dom" />
/**
 * The toolbar popup: what Steno is doing on this tab (capturing, paused, out of scope, no lease,
 * agent not reachable), a pause / resume button (the agent's contributor pause: it stops desktop
 * and browser capture alike), and what left the browser in the last minute.
 */
import type { PopupToWorker, PopupView } from './messages.ts';

const LABELS: Record<string, string> = {
  capturing: 'Recording this site',
  paused: 'Paused',
  out_of_scope: 'Not recording this site',
  no_lease: 'Not recording (no capture lease)',
  no_agent: 'Not recording (Steno agent not reachable)',
};

function text(id: string, value: string): void {
  const el = document.getElementById(id);
  if (el) el.textContent = value;
}

function render(view: PopupView): void {
  text('state', LABELS[view.state] ?? view.state);
  document.body.dataset.state = view.state;
  text('site', view.origin ? `${view.origin} · level ${view.level}` : '');
  text('toggle', view.state === 'paused' ? 'Resume' : 'Pause');
  const list = document.getElementById('recent');
  if (!list) return;
  list.replaceChildren(
    ...view.recent.slice(0, 100).map((r) => {
      const li = document.createElement('li');
      li.textContent = `${new Date(r.t).toLocaleTimeString()} ${r.what}`;
      return li;
    }),
  );
  if (view.recent.length === 0)
    list.replaceChildren(Object.assign(document.createElement('li'), { textContent: 'nothing' }));
}

async function ask(message: PopupToWorker): Promise<void> {
  render((await chrome.runtime.sendMessage(message)) as PopupView);
}

document.getElementById('toggle')?.addEventListener('click', () => {
  void ask({ kind: document.body.dataset.state === 'paused' ? 'resume' : 'pause' });
});
void ask({ kind: 'popup' });
setInterval(() => void ask({ kind: 'popup' }), 1_000);
