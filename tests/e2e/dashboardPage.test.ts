import { readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CHROMIUM, CHROMIUM_ARGS, describeWithChromium, expectStrictPagePolicy } from '../support/chromium.js';
import { gql, startTestGateway, tokenFor } from '../support/embedded.js';

/** The demo's dashboard builder (src/embedded/demoPolicy.yaml): a role an agreement lets use data for STATISTICS. */
const ANALYST = { agency: 'probation', role: 'analyst', sub: 'probation-analyst-01' };

interface Cell { count: number | null; suppressed: boolean }
interface Table { id: string; columns: string[]; rows: Array<{ label: string; cells: Cell[]; total: Cell }>; columnTotals: Cell[] | null; total: Cell | null; suppressedCells: number }
/** What the page shows for one chart element or table cell: a count, or the word. */
type Shown = number | 'suppressed';
/** A DOM node as the functions run inside the browser see it (this project compiles without the DOM lib). */
type Node = { getAttribute(name: string): string | null; textContent: string | null; querySelector(s: string): Node | null; querySelectorAll(s: string): ArrayLike<Node> };

const CARDS: Record<string, { card: string; chart: 'rows' | 'columns' | 'stacked' }> = {
  custody: { card: 'card-custody', chart: 'rows' },
  releases: { card: 'card-releases', chart: 'columns' },
  supervision: { card: 'card-supervision', chart: 'stacked' },
  welfare: { card: 'card-welfare', chart: 'stacked' },
  admissions: { card: 'card-series', chart: 'rows' },
  programmes: { card: 'card-programmes', chart: 'stacked' },
};

const shown = (c: Cell): Shown => (c.suppressed || c.count === null ? 'suppressed' : c.count);

/** What each chart must draw, keyed as the page keys its SVG groups (`row`, `row|column`). */
function expectedChart(t: Table, chart: 'rows' | 'columns' | 'stacked'): Record<string, Shown> {
  const out: Record<string, Shown> = {};
  if (chart === 'columns' && t.columnTotals) t.columns.forEach((c, i) => { out[c] = shown(t.columnTotals![i]!); });
  else for (const r of t.rows) out[r.label] = shown(r.total);
  if (chart === 'stacked') {
    for (const r of t.rows) r.cells.forEach((cell, i) => { if (cell.count !== 0) out[`${r.label}|${t.columns[i]}`] = shown(cell); });
  }
  return out;
}

/** The table alternative as numbers, row by row (row cells, then the row total). */
function expectedTable(t: Table): Record<string, Shown[]> {
  const out: Record<string, Shown[]> = {};
  for (const r of t.rows) out[r.label] = [...r.cells.map(shown), shown(r.total)];
  return out;
}

async function drawnChart(page: Page, card: string): Promise<Record<string, Shown>> {
  return page.locator(`#${card} svg g[data-key]`).evaluateAll((nodes: Node[]) => Object.fromEntries(nodes.map((n) => [
    n.getAttribute('data-key'),
    n.getAttribute('data-suppressed') === 'true' ? 'suppressed' : Number(n.getAttribute('data-count')),
  ])));
}

async function drawnTable(page: Page, card: string): Promise<Record<string, Shown[]>> {
  return page.locator(`#${card} tbody tr`).evaluateAll((rows: Node[]) => Object.fromEntries(rows.map((r) => [
    r.getAttribute('data-row'),
    Array.from(r.querySelectorAll('td')).map((td) => (td.getAttribute('data-suppressed') === 'true' ? 'suppressed' : Number(td.getAttribute('data-count')))),
  ])));
}

describeWithChromium('the statistics dashboard at /dashboard, in headless Chromium', () => {
  let gw: Awaited<ReturnType<typeof startTestGateway>>;
  let browser: Browser;
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'reintegra-dashboard-'));
    gw = await startTestGateway();
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  });

  afterAll(async () => {
    await browser?.close();
    await gw?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('is served from the repository alone, under a strict Content-Security-Policy', async () => {
    expectStrictPagePolicy(await fetch(`${gw.url}/dashboard`));
    for (const file of ['dashboard.html', 'dashboard.js', 'dashboard.css']) {
      // The SVG namespace is a name, not an address the page loads.
      const text = readFileSync(new URL(`../../src/server/dashboard/${file}`, import.meta.url), 'utf8').replace("'http://www.w3.org/2000/svg'", "'svg'");
      expect(text, file).not.toMatch(/https?:\/\/|\/\/[a-z0-9.-]+\.[a-z]{2,}\/|@import|url\((?!#)/i); // url(#…): a pattern in the same SVG
      expect(text, file).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|localStorage|sessionStorage/);
    }
    expect((await fetch(`${gw.url}/dashboard/other.js`)).status).toBe(404);
    expect((await fetch(`${gw.url}/dashboard`, { method: 'POST' })).status).toBe(405);
  });

  it('draws every chart at 1366×768 with the numbers of the statistics API, suppressed cells marked and never drawn as zero', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    const problems: string[] = [];
    const elsewhere: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text()); });
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('request', (r) => { if (new URL(r.url()).origin !== gw.url) elsewhere.push(r.url()); });

    const token = await tokenFor(gw.home, ANALYST.agency, ANALYST.role, ANALYST.sub);
    await page.goto(`${gw.url}/dashboard`);
    await page.fill('#token', token);
    const answered = page.waitForResponse((r) => r.url() === `${gw.url}/graphql` && r.request().method() === 'POST');
    await page.click('#load');
    const response = await answered;
    expect(response.request().headers()['x-purpose-of-use']).toBe('STATISTICS');
    const body = (await response.json()) as { data: { statistics: Record<string, Table> & { minCellSize: number } } };
    await page.waitForSelector('body[data-loaded="true"]');
    const statistics = body.data.statistics;
    const k = statistics.minCellSize;

    // The page shows what the API said, which is what the API says to anyone asking the same.
    const direct = await gql(gw.url, '{ statistics { custodyByEstablishment { rows { label total { count suppressed } } } } }', { token, purpose: 'STATISTICS' });
    expect(direct.body.data!.statistics.custodyByEstablishment.rows).toEqual(statistics.custody!.rows.map((r) => ({ label: r.label, total: r.total })));

    let suppressed = 0;
    for (const [alias, { card, chart }] of Object.entries(CARDS)) {
      const table = statistics[alias] as Table | null;
      expect(table, alias).toBeTruthy();
      expect(table!.rows.length, alias).toBeGreaterThan(0);
      expect(await drawnChart(page, card), alias).toEqual(expectedChart(table!, chart));
      expect(await drawnTable(page, card), alias).toEqual(expectedTable(table!));
      suppressed += table!.suppressedCells;
      // A suppressed element carries the words and no bar of any size.
      for (const mark of await page.locator(`#${card} svg g[data-suppressed="true"]`).all()) {
        expect(await mark.locator('rect:not(.suppressed-mark)').count(), alias).toBe(0);
      }
      const words = await page.locator(`#${card} td.suppressed`).allTextContents();
      for (const w of words) expect(w).toBe(`suppressed (< ${k})`);
    }
    // The demo world is small enough that some cells must be suppressed.
    expect(suppressed).toBeGreaterThan(0);
    expect(await page.getByText(`suppressed (< ${k})`).count()).toBeGreaterThan(0);

    // Readable on a laptop: nothing wider than the screen, the first charts in the first screenful.
    expect(await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth)).toBeLessThanOrEqual(1366);
    expect((await page.locator('#card-custody svg').boundingBox())!.y).toBeLessThan(768);

    const shot = join(process.env.REINTEGRA_SCREENSHOT_DIR ?? dir, 'dashboard.png');
    await page.screenshot({ path: shot, fullPage: true });
    const png = readFileSync(shot);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(1366); // IHDR width
    expect(statSync(shot).size).toBeGreaterThan(60_000); // charts, text and colours, not a blank page
    await page.screenshot({ path: join(process.env.REINTEGRA_SCREENSHOT_DIR ?? dir, 'dashboard-first-screen.png') });

    // The table alternative opens, and the series switches measure.
    await page.click('#card-custody summary');
    expect(await page.locator('#card-custody table').isVisible()).toBe(true);
    await page.selectOption('#measure', 'welfareOpened');
    expect(await drawnChart(page, 'card-series')).toEqual(expectedChart(statistics.welfareOpened as Table, 'rows'));

    expect(problems).toEqual([]);
    expect(elsewhere).toEqual([]);
    await page.close();
  });

  it('tells a caller without a statistics role why there is nothing to show', async () => {
    const page = await browser.newPage();
    await page.goto(`${gw.url}/dashboard`);
    await page.fill('#token', await tokenFor(gw.home, 'prison', 'prison_officer', 'prison-officer-02'));
    await page.click('#load');
    await page.waitForSelector('#status.bad');
    expect(await page.locator('#status').innerText()).toContain('FORBIDDEN');
    expect(await page.locator('#charts svg').count()).toBe(0);
    await page.close();
  });
});
