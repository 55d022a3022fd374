/**
 * The Explorer at `/`, in real headless Chromium, against the real server process on the shared,
 * seeded Neo4j. Each step leaves a screenshot in test-artifacts/explorer/.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Browser, launchBrowser } from '../support/browser.ts';
import { graphql, ROOT, type ServerProcess, startServer, waitForReady } from '../support/server-process.ts';

const ARTIFACTS = path.join(ROOT, 'test-artifacts', 'explorer');

let server: ServerProcess;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  const neo4j = inject('neo4j');
  // The browser (installed first when missing) and the server start side by side.
  [browser, server] = await Promise.all([
    launchBrowser(),
    startServer({
      NEO4J_PROVIDER: 'uri',
      NEO4J_URI: neo4j.uri,
      NEO4J_USER: neo4j.user,
      NEO4J_PASSWORD: neo4j.password,
      NEO4J_DATABASE: neo4j.database,
      SEED_ON_START: 'false',
    }),
  ]);
  await waitForReady(server, 60_000);
  page = await browser.context.newPage();
  page.on('pageerror', (error) => console.error('page error:', error.message));
});

afterAll(async () => {
  await browser?.close();
  if (server) {
    if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGTERM');
    await server.exited;
    rmSync(server.dataDir, { recursive: true, force: true });
  }
});

async function screenshot(target: Page, name: string, fullPage = false) {
  await target.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage });
}

/**
 * Waits until no request of the page is in flight, no layout is running, and the drawing holds at
 * least `minNodes` nodes.
 */
async function settled(target: Page, minNodes = 1) {
  try {
    await target.waitForFunction(
      (min) => {
        const explorer = (window as any).__explorer;
        return (
          document.body.dataset.busy === 'false' &&
          !explorer.graph.running &&
          explorer.cy.nodes().length >= min
        );
      },
      minNodes,
      { timeout: 40_000 },
    );
  } catch (error) {
    // Say what the page was doing, and whether the server is still there.
    const state = await target
      .evaluate(() => ({
        url: location.href,
        busy: document.body.dataset.busy,
        layoutRunning: (window as any).__explorer?.graph.running,
        nodes: (window as any).__explorer?.cy.nodes().length,
        panel: document.querySelector('#panel')?.textContent?.slice(0, 200),
      }))
      .catch((e) => String(e));
    const exited = server.child.exitCode ?? server.child.signalCode;
    throw new Error(
      `${(error as Error).message}\npage: ${JSON.stringify(state)}\nserver: ${
        exited === null ? 'running' : `exited (${exited}):\n${server.output().slice(-2000)}`
      }`,
    );
  }
}

function counts(target: Page) {
  return target.evaluate(() => {
    const cy = (window as any).__explorer.cy;
    return {
      elements: cy.elements().length as number,
      nodes: cy.nodes().length as number,
      edges: cy.edges().length as number,
      highlighted: cy.edges('.path-hl').length as number,
    };
  });
}

/** Where a node is drawn, in page coordinates. */
async function nodePosition(target: Page, key: string) {
  return target.evaluate((nodeKey) => {
    const cy = (window as any).__explorer.cy;
    const node = cy.nodes().filter((n: any) => n.data('key') === nodeKey)[0];
    if (!node) return null;
    const box = cy.container().getBoundingClientRect();
    const at = node.renderedPosition();
    return { x: box.left + at.x, y: box.top + at.y };
  }, key);
}

/** Types into a search box and chooses the suggestion that contains `expected`, with the keyboard only. */
async function chooseSuggestion(target: Page, input: string, text: string, expected: string) {
  await target.fill(input, '');
  await target.focus(input);
  await target.keyboard.type(text, { delay: 20 });
  const listbox = target.locator(`${input} + [role="listbox"]`);
  const option = listbox.locator('[role="option"]', { hasText: expected }).first();
  await option.waitFor({ state: 'visible', timeout: 10_000 });
  const options = await listbox.locator('[role="option"]').allTextContents();
  const index = options.findIndex((o) => o.includes(expected));
  for (let i = 0; i <= index; i++) await target.keyboard.press('ArrowDown');
  await expect.poll(() => option.getAttribute('aria-selected')).toBe('true');
  await target.keyboard.press('Enter');
}

describe('the Explorer', () => {
  it('is served at / with its own files, and GraphiQL stays at /graphql', async () => {
    const home = await fetch(`${server.url}/`);
    expect(home.status).toBe(200);
    expect(home.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(home.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await home.text();
    expect(html).toContain('hitech-kg');
    // Nothing is fetched from another host.
    expect(html).not.toMatch(/(src|href)="https?:/);

    const cytoscape = await fetch(`${server.url}/explorer/vendor/cytoscape.min.mjs`, {
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(cytoscape.status).toBe(200);
    expect(cytoscape.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(cytoscape.headers.get('cache-control')).toMatch(/max-age=\d+/);
    const etag = cytoscape.headers.get('etag');
    expect(etag).toBeTruthy();
    await cytoscape.arrayBuffer();
    const again = await fetch(`${server.url}/explorer/vendor/cytoscape.min.mjs`, {
      headers: { 'if-none-match': etag! },
    });
    expect(again.status).toBe(304);

    const css = await fetch(`${server.url}/explorer/explorer.css`);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect((await fetch(`${server.url}/explorer/app.js`)).headers.get('content-type')).toBe(
      'text/javascript; charset=utf-8',
    );

    for (const missing of [
      '/explorer/nope.js',
      '/explorer/',
      '/explorer/..%2fstatic.ts',
      '/explorer/..%2f..%2f..%2f..%2fpackage.json',
      '/explorer/%2e%2e%2f%2e%2e%2fyoga.ts',
    ]) {
      expect((await fetch(`${server.url}${missing}`)).status, missing).toBe(404);
    }

    const graphiql = await fetch(`${server.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(await graphiql.text()).toContain('hitech-kg GraphiQL');
  });

  it('searches "Zhongguancun" and draws its neighbourhood', async () => {
    await page.goto(`${server.url}/`);
    await page.waitForFunction(() => Boolean((window as any).__explorer));
    const timings = await page.evaluate(() => ({
      paint: Object.fromEntries(
        performance.getEntriesByType('paint').map((p) => [p.name, Math.round(p.startTime)]),
      ),
      domContentLoaded: Math.round(
        (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming)
          .domContentLoadedEventEnd,
      ),
    }));
    writeFileSync(path.join(ARTIFACTS, 'timings.json'), `${JSON.stringify(timings, null, 2)}\n`);
    console.log('Explorer timings (ms):', JSON.stringify(timings));
    await screenshot(page, '00-start');

    await chooseSuggestion(page, '#search-input', 'Zhongguancun', 'Zhongguancun Science Park');
    await settled(page, 6);
    const drawn = await counts(page);
    expect(drawn.nodes).toBeGreaterThan(5);
    expect(drawn.edges).toBeGreaterThan(0);
    expect(new URL(page.url()).search).toBe('?key=zhongguancun&depth=1');
    await expect.poll(() => page.textContent('#panel h2')).toBe('Zhongguancun Science Park');
    // The legend names the types drawn.
    expect(await page.textContent('#legend')).toContain('Zone');
    await screenshot(page, '01-neighbourhood');
  });

  it('shows a clicked node’s facts and evidence, and expands a double-clicked one without duplicates', async () => {
    const lenovo = await nodePosition(page, 'lenovo');
    expect(lenovo).not.toBeNull();
    await page.mouse.click(lenovo!.x, lenovo!.y);
    await expect.poll(() => page.textContent('#panel h2')).toBe('Lenovo Group');
    const quote = page.locator('#panel .evidence .quote').first();
    await quote.waitFor({ state: 'visible' });
    expect((await quote.textContent())!.length).toBeGreaterThan(10);
    // Each quote names its source, linked to the source's URL.
    expect(await page.locator('#panel .evidence cite a[href^="http"]').count()).toBeGreaterThan(0);
    await screenshot(page, '02-node-evidence');

    const before = await counts(page);
    const council = await nodePosition(page, 'state-council');
    await page.mouse.dblclick(council!.x, council!.y);
    await page.waitForFunction((n) => (window as any).__explorer.cy.nodes().length > n, before.nodes, {
      timeout: 20_000,
    });
    await settled(page);
    const ids = await page.evaluate(() => (window as any).__explorer.cy.elements().map((e: any) => e.id()));
    expect(new Set(ids).size).toBe(ids.length);
    await screenshot(page, '03-expanded');
  });

  it('changes depth and year, keeps them in the URL, and restores the view on reload', async () => {
    await page.selectOption('#depth-select', '2');
    await settled(page);
    await page.fill('#year-input', '2009');
    await page.press('#year-input', 'Enter');
    await expect.poll(() => new URL(page.url()).search).toBe('?key=zhongguancun&depth=2&asOf=2009');
    await settled(page, 6);
    const asOf = await counts(page);

    await page.reload();
    await settled(page, 6);
    expect(await counts(page)).toMatchObject({ nodes: asOf.nodes, edges: asOf.edges });
    expect(await page.inputValue('#depth-select')).toBe('2');
    expect(await page.inputValue('#year-input')).toBe('2009');
    await screenshot(page, '04-depth-2-as-of-2009');
  });

  it('finds and highlights the path Huawei → Torch Program, and opens its query in GraphiQL', async () => {
    await chooseSuggestion(page, '#from-input', 'Huawei', 'Huawei');
    await chooseSuggestion(page, '#to-input', 'Torch Program', 'Torch Program');
    await expect.poll(() => new URL(page.url()).search).toBe('?from=huawei&to=torch-program');
    await settled(page, 2);
    await page.waitForFunction(() => (window as any).__explorer.cy.edges('.path-hl').length > 0);
    const drawn = await counts(page);
    expect(drawn.highlighted).toBeGreaterThan(0);
    expect(await page.textContent('#panel')).toContain('Path 1');
    await screenshot(page, '05-path');

    // A relation on the path, clicked, shows the sources that state it.
    const edge = await page.evaluate(() => {
      const cy = (window as any).__explorer.cy;
      const relation = cy.edges('.path-hl').filter((e: any) => e.data('type') === 'ESTABLISHED_UNDER')[0];
      const box = cy.container().getBoundingClientRect();
      const at = relation.renderedMidpoint();
      return { x: box.left + at.x, y: box.top + at.y };
    });
    await page.mouse.click(edge.x, edge.y);
    await expect.poll(() => page.textContent('#panel h2')).toBe('established under');
    await page.locator('#panel .evidence .quote').first().waitFor({ state: 'visible' });
    await screenshot(page, '05b-relation-evidence');

    // The link runs the query behind the view: yoga's GraphiQL reads ?query= (variables are inlined).
    const href = await page.getAttribute('#graphiql-link', 'href');
    const link = new URL(href!, server.url);
    expect(link.pathname).toBe('/graphql');
    const query = link.searchParams.get('query')!;
    expect(query).toContain('paths(fromKey: "huawei", toKey: "torch-program"');
    const { body } = await graphql(server.url, query);
    expect(body.errors).toBeUndefined();
    expect(body.data.paths.length).toBeGreaterThan(0);

    const graphiql = await browser.context.newPage();
    await graphiql.goto(link.href);
    await graphiql.locator('.graphiql-query-editor').first().waitFor({ timeout: 20_000 });
    await expect
      .poll(() => graphiql.locator('.graphiql-query-editor').first().textContent())
      .toContain('torch-program');
    await screenshot(graphiql, '06-graphiql');
    await graphiql.close();

    // Back returns to the previous view.
    await page.goBack();
    await expect.poll(() => new URL(page.url()).search).toBe('?key=zhongguancun&depth=2&asOf=2009');
    await settled(page, 6);
  });

  it('suggests Zhongguancun for "中关村"', async () => {
    await page.fill('#search-input', '');
    await page.focus('#search-input');
    await page.keyboard.type('中关村');
    const option = page.locator('#search-input + [role="listbox"] [role="option"]', {
      hasText: 'Zhongguancun',
    });
    await option.first().waitFor({ state: 'visible', timeout: 10_000 });
    await screenshot(page, '07-chinese-search');
    await page.keyboard.press('Escape');
  });

  it('is readable at phone width: no horizontal scroll, the panel below the drawing', async () => {
    const phone = await browser.context.newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(`${server.url}/?key=zhongguancun&depth=1`);
    await settled(phone, 6);
    const layout = await phone.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
      graphBottom: document.querySelector('.graph-area')!.getBoundingClientRect().bottom,
      panelTop: document.querySelector('#panel')!.getBoundingClientRect().top,
    }));
    expect(layout.scrollWidth).toBeLessThanOrEqual(layout.clientWidth);
    expect(layout.panelTop).toBeGreaterThanOrEqual(layout.graphBottom - 1);
    await screenshot(phone, '08-phone');
    await screenshot(phone, '09-phone-full', true);
    await phone.close();
  });
});
