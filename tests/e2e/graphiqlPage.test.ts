import { readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, CHROMIUM_ARGS, describeWithChromium } from '../support/chromium.js';
import { startTestGateway, tokenFor } from '../support/embedded.js';

const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
const ASSETS = ['react.production.min.js', 'react-dom.production.min.js', 'graphiql.min.js', 'graphiql.min.css', 'graphiqlPage.js', 'graphiqlPage.css'];

/** The page's globals, as the functions run inside the browser see them (this project compiles without the DOM lib). */
type BrowserWindow = {
  document: { getElementById(id: string): { textContent: string | null }; querySelector(s: string): { CodeMirror: { setValue(v: string): void }; textContent: string | null } | null };
  localStorage: { length: number }; sessionStorage: { length: number };
};

/** With the caller's fields filled in: uses the token, waits for the schema, runs `query` and waits for an answer matching `answered`. */
async function loadSchemaAndRun(page: Page, query: string, answered: RegExp): Promise<void> {
  await page.click('#use-token');
  await page.waitForFunction(() => (globalThis as unknown as BrowserWindow).document.getElementById('status').textContent!.startsWith('Schema loaded'));
  await page.waitForSelector('.graphiql-query-editor .CodeMirror');
  await page.evaluate((q) => (globalThis as unknown as BrowserWindow).document.querySelector('.graphiql-query-editor .CodeMirror')!.CodeMirror.setValue(q), query);
  await page.click('.graphiql-execute-button');
  await page.waitForFunction((pattern) => new RegExp(pattern).test((globalThis as unknown as BrowserWindow).document.querySelector('.result-window')?.textContent ?? ''), answered.source);
}

describeWithChromium('GraphiQL at /graphql for browsers, in headless Chromium', () => {
  let gw: Awaited<ReturnType<typeof startTestGateway>>;
  let browser: Browser;
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'reintegra-graphiql-'));
    gw = await startTestGateway({ people: 100 });
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  });

  afterAll(async () => {
    await browser?.close();
    await gw?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('serves the page to a browser in the demo, from the gateway alone, under a Content-Security-Policy', async () => {
    const res = await fetch(`${gw.url}/graphql`, { headers: { accept: BROWSER_ACCEPT } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("style-src 'self' 'unsafe-inline'"); // Radix dialogs' <style> element: see GRAPHIQL_CSP
    expect(csp.replace("style-src 'self' 'unsafe-inline'", '')).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
    const html = await res.text();
    expect(html).not.toMatch(/<script>|<script(?![^>]*\bsrc="\/graphiql\/assets\/)[^>]*>|https?:\/\//);
    for (const name of ASSETS) {
      const asset = await fetch(`${gw.url}/graphiql/assets/${name}`);
      expect(asset.status, name).toBe(200);
      expect(asset.headers.get('content-type'), name).toMatch(name.endsWith('.css') ? /^text\/css/ : /^text\/javascript/);
      expect(asset.headers.get('content-security-policy'), name).toBe(csp);
    }
    for (const file of ['graphiql.html', 'graphiqlPage.js', 'graphiqlPage.css']) {
      const text = readFileSync(new URL(`../../src/server/graphiql/${file}`, import.meta.url), 'utf8');
      expect(text, file).not.toMatch(/https?:\/\/|\/\/[a-z0-9.-]+\.[a-z]{2,}\/|@import|url\(|localStorage|sessionStorage\.setItem/i);
    }
    expect((await fetch(`${gw.url}/graphiql/assets/graphiql.html`)).status).toBe(404);
    expect((await fetch(`${gw.url}/graphiql/assets/../../package.json`)).status).toBe(404);
    expect((await fetch(`${gw.url}/graphiql/assets/graphiql.min.js`, { method: 'POST' })).status).toBe(405);
  });

  it('keeps GET /graphql a GraphQL endpoint for every client that does not ask for HTML', async () => {
    const json = await fetch(`${gw.url}/graphql?query=${encodeURIComponent('{ me { sub } }')}`, { headers: { accept: 'application/graphql-response+json' } });
    expect(json.status).toBe(401);
    expect(json.headers.get('content-type')).toMatch(/json/);
    // A browser following a GraphQL link with a query gets the GraphQL answer, not the page.
    const linked = await fetch(`${gw.url}/graphql?query=${encodeURIComponent('{ me { sub } }')}`, { headers: { accept: BROWSER_ACCEPT } });
    expect(linked.headers.get('content-type')).toMatch(/json/);
  });

  it('loads the schema with a pasted token, runs a query with the chosen purpose and sends nothing elsewhere', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    const problems: string[] = [];
    const elsewhere: string[] = [];
    const posts: Array<Record<string, string>> = [];
    page.on('console', (m) => { if (m.type() === 'error') problems.push(`${m.text()} ${m.location().url}`); });
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('request', (r) => {
      if (new URL(r.url()).origin !== gw.url && !r.url().startsWith('data:')) elsewhere.push(r.url());
      if (r.method() === 'POST') posts.push(r.headers());
    });

    await page.goto(`${gw.url}/graphql`);
    const token = await tokenFor(gw.home, 'probation', 'probation_officer', 'probation-po-07');
    await page.fill('#token', token);
    await page.selectOption('#purpose', 'SUPERVISION');
    await loadSchemaAndRun(page, '{ me { sub agency purpose } agencies { id } }', /"purpose": "SUPERVISION"/);
    const result = await page.locator('.result-window').innerText();
    expect(result).toContain('"sub": "probation-po-07"');
    expect(result).toContain('"agency": "probation"');

    // The documentation explorer (from introspection) and a dialog (Radix) work under the CSP too.
    await page.click('button[aria-label="Show Documentation Explorer"]');
    await page.waitForSelector('.graphiql-doc-explorer');
    expect(await page.locator('.graphiql-doc-explorer').innerText()).toContain('Query');
    await page.click('button[aria-label="Open settings dialog"]');
    await page.waitForSelector('[role="dialog"]');
    await page.keyboard.press('Escape');
    const shot = join(process.env.REINTEGRA_SCREENSHOT_DIR ?? dir, 'graphiql-page.png');
    await page.screenshot({ path: shot });
    expect(readFileSync(shot).readUInt32BE(16)).toBe(1366);
    expect(statSync(shot).size).toBeGreaterThan(30_000);

    // Every POST (the schema, then the query) carried the token and purpose, as JSON so that it passes the CSRF check.
    expect(posts.length).toBeGreaterThanOrEqual(2);
    for (const h of posts) {
      expect(h['authorization']).toBe(`Bearer ${token}`);
      expect(h['x-purpose-of-use']).toBe('SUPERVISION');
      expect(h['content-type']).toBe('application/json');
    }
    // The token and the editors' contents stay in the page's memory.
    expect(await page.evaluate(() => {
      const w = globalThis as unknown as BrowserWindow;
      return w.localStorage.length + w.sessionStorage.length;
    })).toBe(0);
    expect(problems).toEqual([]);
    expect(elsewhere).toEqual([]);
    await page.close();
  });

  it('breaks the glass with a justification in the region’s languages, stored as written, and not for loading the schema', async () => {
    const page = await browser.newPage();
    const posts: Array<{ headers: Record<string, string>; body: string }> = [];
    page.on('request', (r) => { if (r.method() === 'POST') posts.push({ headers: r.headers(), body: r.postData() ?? '' }); });
    const why = 'Итно: лицето е во несвест, лекарот бара податоци';
    await page.goto(`${gw.url}/graphql`);
    await page.fill('#token', await tokenFor(gw.home, 'probation', 'probation_officer', 'probation-po-duty'));
    await page.selectOption('#purpose', 'EMERGENCY');
    await page.fill('#break-glass', why);
    await loadSchemaAndRun(page, 'query Glass { me { sub purpose } }', /"purpose": "EMERGENCY"/);
    const schema = posts.find((p) => p.body.includes('IntrospectionQuery'))!;
    expect(schema.headers['x-break-glass']).toBeUndefined();
    expect(posts.find((p) => p.body.includes('Glass'))!.headers['x-break-glass']).toBe(`UTF-8''${encodeURIComponent(why)}`);
    const { rows } = await gw.gateway.store.query<{ event: { breakGlass?: string } }>("SELECT event FROM reintegra.audit_event WHERE event->'operation'->>'name' = 'Glass'");
    expect(rows.map((r) => r.event.breakGlass)).toEqual([why]);
    await page.close();
  });

  it('says so when the token is refused', async () => {
    const page = await browser.newPage();
    await page.goto(`${gw.url}/graphql`);
    await page.fill('#token', 'eyJhbGciOiJSUzI1NiJ9.e30.invalid');
    await page.click('#use-token');
    await page.waitForFunction(() => (globalThis as unknown as BrowserWindow).document.getElementById('status').textContent!.includes('UNAUTHENTICATED'));
    await page.close();
  });
});

describe('GraphiQL outside the demo', () => {
  let gw: Awaited<ReturnType<typeof startTestGateway>>;

  beforeAll(async () => {
    gw = await startTestGateway({ people: 50, configure: (c) => { delete c.server.graphiql; } });
  });

  afterAll(async () => {
    await gw?.close();
  });

  it('is off by default: a browser asking for /graphql gets the GraphQL endpoint’s answer, and no GraphiQL files', async () => {
    expect(gw.config.server.graphiql).toBe(false);
    const res = await fetch(`${gw.url}/graphql`, { headers: { accept: BROWSER_ACCEPT } });
    expect(res.headers.get('content-type')).not.toMatch(/html/);
    expect(await res.text()).not.toMatch(/graphiql/i);
    expect((await fetch(`${gw.url}/graphiql/assets/graphiql.min.js`)).status).toBe(404);
  });
});
