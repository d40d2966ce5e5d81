import { readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { WorldPerson } from '../../../src/demo/index.js';
import { gql, startTestGateway, tokenFor } from '../../support/embedded.js';
import { idOf } from './support/auditApi.js';
import { CHROMIUM, CHROMIUM_ARGS, describeWithChromium, expectStrictPagePolicy } from '../../support/chromium.js';

const WHY = 'Person collapsed in the yard; paramedics need identity and custody status.';

/** The page's globals, as the functions run inside the browser see them (this project compiles without the DOM lib). */
type BrowserWindow = { document: { getElementById(id: string): { textContent: string | null } }; getComputedStyle(el: unknown): { borderTopColor: string } };

describeWithChromium('the privacy officers’ page at /audit, in headless Chromium', () => {
  let gw: Awaited<ReturnType<typeof startTestGateway>>;
  let browser: Browser;
  let dir: string;
  let P: WorldPerson;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'reintegra-audit-page-'));
    gw = await startTestGateway();
    P = gw.world.people.find((p) => gw.world.knownToAll.includes(p.nationalId.value) && p.story === 'PAROLE')!;
    const officer = await tokenFor(gw.home, 'probation', 'probation_officer', 'probation-po-7');
    const guard = await tokenFor(gw.home, 'prison', 'prison_officer', 'prison-officer-02');
    const q = `query($id: IdentifierInput!) { person(identifier: $id) { names { familyName } custody { status } supervision { orderType } } }`;
    await gql(gw.url, q, { token: officer, purpose: 'SUPERVISION', variables: { id: idOf(P) } });
    await gql(gw.url, q, { token: guard, purpose: 'EMERGENCY', variables: { id: idOf(P) }, headers: { 'x-break-glass': WHY } });
    await gql(gw.url, q, { token: officer, purpose: 'SUPERVISION', variables: { id: idOf(P) } });
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  });

  afterAll(async () => {
    await browser?.close();
    await gw?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('is served from the repository alone, under a strict Content-Security-Policy', async () => {
    expectStrictPagePolicy(await fetch(`${gw.url}/audit`));
    for (const file of ['auditPage.html', 'auditPage.js', 'auditPage.css']) {
      const text = readFileSync(new URL(`../../../src/server/auditPage/${file}`, import.meta.url), 'utf8');
      expect(text, file).not.toMatch(/https?:\/\/|\/\/[a-z0-9.-]+\.[a-z]{2,}\/|@import|url\(/i);
      expect(text, file).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(/);
    }
    expect((await fetch(`${gw.url}/audit/other.js`)).status).toBe(404);
    expect((await fetch(`${gw.url}/audit`, { method: 'POST' })).status).toBe(405);
  });

  it('signs in with a pasted token, shows a person’s timeline with break-glass highlighted, and verifies the log', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    const problems: string[] = [];
    const elsewhere: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text()); });
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('request', (r) => { if (!r.url().startsWith(gw.url)) elsewhere.push(r.url()); });

    await page.goto(`${gw.url}/audit`);
    await page.fill('#token', await tokenFor(gw.home, 'probation', 'privacy_officer', 'privacy-officer@probation'));
    // The token that reads the audit log is masked on screen, as on the other pages.
    expect(await page.getAttribute('#token', 'type')).toBe('password');
    await page.click('#use-token');
    await page.waitForFunction(() => (globalThis as unknown as BrowserWindow).document.getElementById('who').textContent!.includes('privacy-officer@probation'));

    await page.selectOption('#scheme', P.nationalId.scheme);
    await page.fill('#identifier', P.nationalId.value);
    await page.click('#search-button');
    await page.waitForSelector('li[data-testid="event"]');
    await page.waitForSelector('#report:not([hidden])');
    const events = page.locator('li[data-testid="event"]');
    expect(await events.count()).toBeGreaterThanOrEqual(3);
    const glass = page.locator('li.event.break-glass');
    expect(await glass.count()).toBe(1);
    expect(await glass.innerText()).toContain('BREAK-GLASS');
    expect(await glass.innerText()).toContain(WHY);
    expect(await glass.evaluate((el) => (globalThis as unknown as BrowserWindow).getComputedStyle(el).borderTopColor)).toBe('rgb(179, 38, 30)');
    // Oldest first: the break-glass access sits between the two supervision look-ups.
    expect(await events.nth(1).getAttribute('class')).toContain('break-glass');
    expect(await page.locator('#report-rows tr').count()).toBeGreaterThanOrEqual(2);

    await page.click('#verify');
    await page.waitForSelector('#verify-result[data-ok="true"]');
    expect(await page.locator('#verify-result').innerText()).toContain('The log is intact');

    const shot = join(process.env.REINTEGRA_SCREENSHOT_DIR ?? dir, 'audit-page.png');
    await page.screenshot({ path: shot, fullPage: true });
    const png = readFileSync(shot);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(1280); // IHDR width
    expect(png.readUInt32BE(20)).toBeGreaterThan(900); // the page grew with the timeline
    expect(statSync(shot).size).toBeGreaterThan(40_000); // text, cards and colours, not a blank page
    const timeline = await page.locator('#timeline').screenshot({ path: join(dir, 'timeline.png') });
    expect(timeline.length).toBeGreaterThan(10_000);

    expect(problems).toEqual([]);
    expect(elsewhere).toEqual([]);
    await page.close();
  });

  it('tells a caller who is not a privacy officer why the log stays closed', async () => {
    const page = await browser.newPage();
    await page.goto(`${gw.url}/audit`);
    await page.fill('#token', await tokenFor(gw.home, 'prison', 'prison_officer', 'prison-officer-02'));
    await page.click('#use-token');
    await page.waitForFunction(() => (globalThis as unknown as BrowserWindow).document.getElementById('who').textContent!.includes('FORBIDDEN'));
    expect(await page.locator('#who').innerText()).toContain('The audit log is open to privacy officers only. (FORBIDDEN: NO_ROLE)');
    expect(await page.locator('#search-button').isDisabled()).toBe(true);
    await page.close();
  });
});
