/**
 * The focused field's policy cache (issue 19) in real Chromium: it answers from the cache only while
 * nothing the policy was decided from has changed. Every change that can make a field never-captured
 * — its type, autocomplete, name, placeholder, a label's text, a new label, `data-steno-private` on
 * an ancestor, inside a shadow root too — is seen by the very next question, with no await between
 * the page's change and the keystroke (the cache takes the observer's records synchronously).
 */
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CHROMIUM, CHROMIUM_SKIP_MESSAGE, chromiumRunnable } from './test-support/browser-harness.ts';

const run = chromiumRunnable();
if (!run) console.warn(CHROMIUM_SKIP_MESSAGE);

const PAGE = `<!doctype html><html><body>
<p><label for="nick">Nickname</label> <input id="nick"></p>
<p><label for="memo">Memo</label> <textarea id="memo"></textarea></p>
<div id="wrap"><input id="city" placeholder="City"></div>
<p><input id="plain" name="q"></p>
<p><button id="btn">Go</button></p>
<div id="host"></div>
</body></html>`;

type Policy = { never: boolean; text: boolean };

describe.skipIf(!run)('FieldPolicyCache (Chromium)', () => {
  let browser: Browser;
  let page: Page;
  let bundle = '';

  beforeAll(async () => {
    const built = await build({
      entryPoints: [fileURLToPath(new URL('./field-policy-cache.ts', import.meta.url))],
      bundle: true,
      write: false,
      format: 'iife',
      globalName: 'stenoPolicy',
      target: 'chrome116',
      logLevel: 'silent',
    });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    bundle = built.outputFiles[0]?.text ?? '';
    page = await browser.newPage();
  }, 60_000);
  beforeEach(async () => {
    await page.setContent(PAGE);
    await page.addScriptTag({ content: bundle });
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** Runs `change` in the page, then asks the cache at once, in the same task. */
  async function after(selector: string, change: string): Promise<{ before: Policy; after: Policy }> {
    return await page.evaluate(
      ([sel, body]) => {
        const w = window as unknown as {
          stenoPolicy: { FieldPolicyCache: new () => { policy(el: Element | null): Policy } };
          cache?: { policy(el: Element | null): Policy };
        };
        w.cache ??= new w.stenoPolicy.FieldPolicyCache();
        const host = document.querySelector('#host') as Element;
        const el = (document.querySelector(sel as string) ??
          host.shadowRoot?.querySelector(sel as string)) as Element;
        const before = w.cache.policy(el);
        w.cache.policy(el);
        new Function('el', 'host', body as string)(el, host);
        return { before, after: w.cache.policy(el) };
      },
      [selector, change],
    );
  }

  it('answers from the cache while nothing changed, and decides again for another element', async () => {
    const counts = await page.evaluate(() => {
      const C = (window as unknown as { stenoPolicy: { FieldPolicyCache: new () => unknown } }).stenoPolicy
        .FieldPolicyCache as new () => { policy(el: Element | null): Policy; decisions: number };
      const cache = new C();
      const nick = document.querySelector('#nick');
      for (let i = 0; i < 50; i++) cache.policy(nick);
      const sameField = cache.decisions;
      cache.policy(document.querySelector('#memo'));
      cache.policy(nick);
      // Unrelated attribute changes elsewhere do not count; added nodes do (they might be labels).
      document.body.setAttribute('class', 'x');
      cache.policy(nick);
      const unrelated = cache.decisions;
      document.body.append(document.createElement('span'));
      cache.policy(nick);
      return { sameField, unrelated, added: cache.decisions };
    });
    expect(counts).toEqual({ sameField: 1, unrelated: 3, added: 4 });
  });

  it('a text field that becomes a password field is never captured from the next key on', async () => {
    const r = await after('#nick', "el.setAttribute('type', 'password')");
    expect(r.before).toEqual({ never: false, text: true });
    expect(r.after.never).toBe(true);
  });

  it('sees autocomplete, name and placeholder that announce a secret', async () => {
    expect((await after('#plain', "el.setAttribute('autocomplete', 'one-time-code')")).after.never).toBe(
      true,
    );
    expect((await after('#memo', "el.setAttribute('name', 'cvv')")).after.never).toBe(true);
    expect((await after('#city', "el.setAttribute('placeholder', 'Your PIN')")).after.never).toBe(true);
  });

  it("sees a label's text change, and a new label that names a secret", async () => {
    const text = await after('#memo', "document.querySelector('label[for=memo]').textContent = 'PIN'");
    expect(text.before).toEqual({ never: false, text: true });
    expect(text.after.never).toBe(true);
    const node = await after(
      '#nick',
      "document.querySelector('label[for=nick]').firstChild.data = 'Password'",
    );
    expect(node.after.never).toBe(true);
    const added = await after(
      '#city',
      "const l = document.createElement('label'); l.htmlFor = 'city'; l.textContent = 'Card number'; document.body.append(l)",
    );
    expect(added.before.never).toBe(false);
    expect(added.after.never).toBe(true);
  });

  it('sees data-steno-private on an ancestor, and changes inside a shadow root', async () => {
    const priv = await after(
      '#city',
      "document.querySelector('#wrap').setAttribute('data-steno-private', '')",
    );
    expect(priv.before.never).toBe(false);
    expect(priv.after.never).toBe(true);
    await page.evaluate(() => {
      const host = document.querySelector('#host') as Element;
      const root = host.attachShadow({ mode: 'open' });
      root.innerHTML = '<label for="inner">Comment</label><input id="inner">';
    });
    const shadow = await after('#inner', "el.setAttribute('type', 'password')");
    expect(shadow.before).toEqual({ never: false, text: true });
    expect(shadow.after.never).toBe(true);
  });
});
