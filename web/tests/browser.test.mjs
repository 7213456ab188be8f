// Browser test of the dashboard: builds a store from the example corpus (plus
// ../shared's seed article when present), starts the real `dyad serve` on a
// free loopback port, drives Debian's headless chromium with playwright-core
// through one view (--view) and asserts on what the page shows. Screenshots go
// to --artifacts. Exit 0 pass, 1 fail, 77 skipped (no chromium or no
// web/node_modules). Registered with ctest by web/CMakeLists.txt:
//   node web/tests/browser.test.mjs --view events --dyad build/release/tools/dyad --source . --artifacts /tmp/a
// --base URL uses an already running server instead (for development).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SKIP = 77;
const here = path.dirname(fileURLToPath(import.meta.url));
const argv = process.argv.slice(2);
const arg = (name, fallback) => {
  const i = argv.indexOf(name);
  return i >= 0 && i + 1 < argv.length ? argv[i + 1] : fallback;
};
const view = arg('--view', 'events');
const source = path.resolve(arg('--source', path.join(here, '..', '..')));
const shared = path.resolve(arg('--shared', process.env.DYAD_SHARED || path.join(source, '..', 'shared')));
const artifacts = path.resolve(arg('--artifacts', path.join(os.tmpdir(), 'dyad-web-artifacts')));
const dyad = arg('--dyad', '');
const baseArg = arg('--base', '');
// --model M (or $DYAD_MODEL): a syntax model for ingest and serve other than the default.
const model = arg('--model', process.env.DYAD_MODEL || '');
const modelArgs = model ? ['--model', model] : [];
const chromiumPath = process.env.DYAD_CHROMIUM || '/usr/bin/chromium';
const seed = path.join(shared, 'examples', 'russia-iran-treaty.txt');
const haveSeed = existsSync(seed);
// Waits are upper bounds: a passing run never waits them out. A sanitized server, or a machine running other
// tests beside this one, can take several times longer (web/CMakeLists.txt sets the scale).
const timeoutScale = Math.max(1, Number(process.env.DYAD_WEB_TIMEOUT_SCALE || 1));
const T = (ms) => ms * timeoutScale;

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
// The issue asks for a page that loads in under a second on the example store.
// That holds on a quiet machine; when the machine is busier than its cores
// (parallel builds, ctest -j), the limit grows with the load average, at most
// 3x, so the test measures the dashboard rather than the neighbours.
const BASE_LIMIT_MS = Number(process.env.DYAD_WEB_LOAD_LIMIT_MS || 1000);
const busy = Math.min(3, Math.max(1, os.loadavg()[0] / os.cpus().length));
const LOAD_LIMIT_MS = Math.round(BASE_LIMIT_MS * busy);

function skip(why) {
  console.log(`SKIPPED: ${why}`);
  process.exit(SKIP);
}

let passed = 0;
let failed = 0;
function check(cond, what) {
  if (cond) {
    passed++;
    console.log(`  ok   ${what}`);
  } else {
    failed++;
    console.log(`  FAIL ${what}`);
  }
  return cond;
}

if (!existsSync(chromiumPath)) skip(`${chromiumPath} not found (apt-get install chromium; scripts/install-deps.sh)`);
let chromium;
try {
  ({ chromium } = await import('playwright-core'));
} catch (e) {
  skip('playwright-core missing: run `npm ci` in web/ (scripts/install-deps.sh does)');
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const cleanups = [];

async function startServer() {
  if (baseArg) return baseArg.replace(/\/$/, '');
  if (!dyad || !existsSync(dyad)) throw new Error(`dyad binary not found: ${dyad || '(no --dyad)'}`);
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'dyad-web-'));
  cleanups.push(() => rmSync(tmp, { recursive: true, force: true }));
  const db = path.join(tmp, 'x.db');
  const inputs = [path.join(source, 'examples', 'corpus.jsonl')];
  if (haveSeed) inputs.push('--date', '2025-01-20', seed);
  const t0 = Date.now();
  const ing = spawnSync(dyad, ['ingest', '--db', db, ...modelArgs, ...inputs], { encoding: 'utf8' });
  // 2 = finished, some input skipped (listed on stderr): still a store.
  if (ing.status !== 0 && ing.status !== 2) throw new Error(`dyad ingest failed (${ing.status}): ${ing.stderr}`);
  console.log(`store: ${db} (${Date.now() - t0} ms${haveSeed ? ', with the seed article' : ', no ../shared: corpus only'})`);
  const port = await freePort();
  const proc = spawn(dyad, ['serve', '--db', db, '--port', String(port), ...modelArgs], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  proc.stdout.on('data', (d) => (log += d));
  proc.stderr.on('data', (d) => (log += d));
  let exited = null;
  proc.on('exit', (code, sig) => (exited = { code, sig }));
  cleanups.push(async () => {
    if (exited) return;
    proc.kill('SIGTERM');
    for (let i = 0; i < 50 && !exited; i++) await sleep(100);
    if (!exited) {
      console.log('dyad serve did not stop on SIGTERM within 5 s');
      proc.kill('SIGKILL');
    }
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 150 * timeoutScale; i++) {
    if (exited) throw new Error(`dyad serve exited (${exited.code ?? exited.sig}): ${log}`);
    try {
      const r = await fetch(`${base}/healthz`);
      if (r.ok) return base;
    } catch (e) {
      /* not up yet */
    }
    await sleep(100);
  }
  throw new Error(`dyad serve did not answer /healthz in ${15 * timeoutScale} s: ${log}`);
}

async function api(base, p) {
  const r = await fetch(`${base}${p}`);
  if (!r.ok) throw new Error(`${p}: HTTP ${r.status} ${await r.text()}`);
  return r.json();
}

function shotPath(name, vp) {
  mkdirSync(artifacts, { recursive: true });
  return path.join(artifacts, `${name}-${vp.width}x${vp.height}.png`);
}

async function waitReady(page, v, timeout = T(15000)) {
  await page.waitForSelector(`main[data-ready="${v}"]`, { timeout });
}

// Every form control on the page has an accessible name.
async function unlabelled(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('input, select, textarea, button')]
      .filter((e) => e.offsetParent !== null || e.closest('dialog[open]'))
      .filter((e) => !(e.labels && e.labels.length) && !e.getAttribute('aria-label') && !e.getAttribute('aria-labelledby') && !(e.textContent || '').trim())
      .map((e) => e.outerHTML.slice(0, 80)),
  );
}

async function noPageOverflow(page) {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);
}

// ---- the views -------------------------------------------------------------

async function pickActor(page, inputSel, code) {
  await page.fill(inputSel, '');
  await page.type(inputSel, code, { delay: 20 });
  const listId = await page.getAttribute(inputSel, 'aria-controls');
  const opt = page.locator(`#${listId} [role="option"]`).filter({ has: page.locator('.code', { hasText: new RegExp(`^${code}$`) }) });
  await opt.first().waitFor({ timeout: T(5000) });
  // Keyboard choice: ArrowDown to the option, Enter.
  const count = await page.locator(`#${listId} [role="option"]`).count();
  for (let i = 0; i < count; i++) {
    await page.press(inputSel, 'ArrowDown');
    const active = await page.getAttribute(inputSel, 'aria-activedescendant');
    if (active && (await page.locator(`#${active} .code`).textContent()) === code) break;
  }
  await page.press(inputSel, 'Enter');
}

const tests = {
  async timeline(page, base) {
    // Load time: navigation start to the timeline drawn with its data, the
    // median of three loads of a fresh page (no cache: a new context each).
    const loads = [];
    for (let i = 0; i < 3; i++) {
      const ctx = await page.context().browser().newContext({ viewport: DESKTOP });
      const p = await ctx.newPage();
      await p.goto(`${base}/#/timeline`);
      await waitReady(p, 'timeline');
      const [ready, dcl] = await p.evaluate(() => [performance.getEntriesByName('dyad-ready-timeline')[0].startTime,
        performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd]);
      loads.push({ ready, dcl });
      await ctx.close();
    }
    loads.sort((a, b) => a.ready - b.ready);
    const med = loads[1];
    console.log(`load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores: limit ${LOAD_LIMIT_MS} ms`);
    console.log(`load: timeline drawn ${loads.map((l) => l.ready.toFixed(0)).join(', ')} ms after navigation start (DOMContentLoaded ${loads.map((l) => l.dcl.toFixed(0)).join(', ')} ms)`);
    if (!check(med.ready < LOAD_LIMIT_MS, `the timeline view loads and draws within ${LOAD_LIMIT_MS} ms (median ${med.ready.toFixed(0)} ms)`)) {
      // Say where the time went: the bundle's transfer per encoding the browser offers.
      for (const enc of ['identity', 'gzip', 'br']) {
        const t = Date.now();
        const r = await fetch(`${base}/assets/app.js`, { headers: { 'Accept-Encoding': enc } });
        const n = (await r.arrayBuffer()).byteLength;
        console.log(`  note: GET /assets/app.js with Accept-Encoding: ${enc}: ${Date.now() - t} ms, ${n} bytes decoded, Content-Encoding ${r.headers.get('content-encoding') || 'none'}`);
      }
    }
    await page.goto(`${base}/#/timeline`);
    await waitReady(page, 'timeline');
    const points = Number(await page.getAttribute('#timeline-chart', 'data-points'));
    check(points > 0, `the all-actors timeline has points (${points} months with events)`);
    check((await page.locator('#timeline-chart canvas').count()) > 0, 'the chart is drawn on a canvas');
    check((await page.locator('.top-pairs li').count()) > 0, 'the busiest pairs are listed');
    // Pick Iran and Russia with the keyboard in the autocomplete.
    await pickActor(page, '#combo-a input', 'IRN');
    await pickActor(page, '#combo-b input', 'RUS');
    await page.waitForFunction(() => location.hash.includes('a=IRN') && location.hash.includes('b=RUS'));
    await waitReady(page, 'timeline');
    check((await page.textContent('#tl-h')).includes('IRN – RUS'), 'the dyad picker sets the IRN–RUS dyad');
    const dyadPoints = Number(await page.getAttribute('#timeline-chart', 'data-points'));
    const apiPoints = (await api(base, '/api/stats/timeline?dyad=IRN,RUS&period=month')).points.filter((p) => p.events > 0).length;
    check(dyadPoints > 0 && dyadPoints === apiPoints, `the IRN–RUS timeline has points, as many as the API's months (${dyadPoints}/${apiPoints})`);
    const rows = await page.locator('#timeline-table tbody tr').count();
    check(rows === dyadPoints, `the data table lists each month with events (${rows})`);
    if (haveSeed) check((await page.locator('#timeline-table tbody tr', { hasText: '2025-01' }).count()) === 1, 'January 2025 (the treaty) is in the IRN–RUS timeline');
    check((await unlabelled(page)).length === 0, 'every control of the timeline view has a label');
    await page.screenshot({ path: shotPath('timeline', DESKTOP) });
  },

  async map(page, base) {
    await page.goto(`${base}/#/map`);
    await waitReady(page, 'map');
    const cells = (await api(base, '/api/map?zoom=2')).cells || [];
    await page.waitForSelector('#map-svg path.country', { timeout: T(10000) });
    check((await page.locator('#map-svg path.country').count()) === 1, 'the country outlines are drawn (bundled world atlas)');
    const markers = Number(await page.getAttribute('#map-svg', 'data-markers'));
    if (cells.length) {
      check(markers > 0 && markers <= cells.length, `the map shows markers for located events (${markers} markers, ${cells.length} cells)`);
      check((await page.locator('#map-svg .marker').count()) === markers, 'each marker is drawn');
      check((await page.locator('#map-svg .marker[tabindex="0"][aria-label]').count()) === markers, 'each marker is focusable and labelled');
    } else {
      console.log('  note: /api/map returned no cells (no event in this store has a location yet): marker assertions skipped');
      check(markers === 0 && (await page.textContent('.view-map .status')).includes('No located events'), 'the map says there are no located events');
    }
    const max = Number(await page.getAttribute('#map-to', 'max'));
    check(max > 0, `the date-range slider spans the months with events (${max + 1} months)`);
    // Narrow the range with the keyboard: the request follows.
    const req = page.waitForRequest((r) => r.url().includes('/api/map') && r.url().includes('from='), { timeout: T(5000) });
    await page.focus('#map-from');
    await page.keyboard.press('End');
    const url = new URL((await req).url());
    check(url.searchParams.get('from') === url.searchParams.get('to').slice(0, 8) + '01', `moving the slider asks /api/map for that range (${url.searchParams.get('from')}..${url.searchParams.get('to')})`);
    await page.focus('#map-from');
    await page.keyboard.press('Home');
    await page.waitForTimeout(400);
    check((await unlabelled(page)).length === 0, 'every control of the map view has a label');
    await page.screenshot({ path: shotPath('map', DESKTOP) });
  },

  async network(page, base) {
    await page.goto(`${base}/#/network`);
    await waitReady(page, 'network');
    const n = Number(await page.getAttribute('#network-svg', 'data-nodes'));
    const e = Number(await page.getAttribute('#network-svg', 'data-edges'));
    const res = await api(base, '/api/network?n=40&actor_chars=3');
    check(n > 1 && n === res.nodes.length, `the network has nodes, as many as /api/network (${n})`);
    check(e > 0 && (await page.locator('#network-svg path.edge').count()) === e, `the network has edges (${e})`);
    check((await page.locator('#network-svg g.node[aria-label^="RUS"]').count()) === 1, 'Russia is a node');
    const widths = await page.$$eval('#network-svg path.edge', (els) => els.map((x) => Number(x.getAttribute('stroke-width'))));
    check(widths.every((w) => w > 0), 'edges have a width by events');
    // Enter on a node opens its events.
    await page.focus('#network-svg g.node[aria-label^="RUS"]');
    await page.screenshot({ path: shotPath('network', DESKTOP) });
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => location.hash.startsWith('#/events') && location.hash.includes('a=RUS'));
    await waitReady(page, 'events');
    check((await page.locator('#events-table tbody tr').count()) > 0, 'Enter on the RUS node lists its events');
  },

  async events(page, base) {
    await page.goto(`${base}/#/events?a=IRN&b=RUS`);
    await waitReady(page, 'events');
    const rows = page.locator('#events-table tbody tr');
    const n = await rows.count();
    const api057 = (await api(base, '/api/events?dyad=IRN,RUS&code=057&limit=10')).events.length;
    check(n > 0, `the IRN–RUS event table has rows (${n})`);
    const signing = rows.filter({ has: page.locator('.badge', { hasText: /^057$/ }) });
    const k = await signing.count();
    if (haveSeed) check(k > 0, `the Iran–Russia signing (057) is in the table (${k} rows)`);
    check(k === api057, `the table shows the API's 057 events (${k}/${api057})`);
    if (k) {
      const text = await signing.first().textContent();
      check(/IRN/.test(text) && /RUS/.test(text) && /Sign formal agreement/.test(text), `the 057 row names both actors and the CAMEO name: ${text.replace(/\s+/g, ' ').trim()}`);
    }
    const first = await rows.first().textContent();
    check(/\d{4}-\d{2}-\d{2}/.test(first), 'rows show the date');
    // Pagination over the whole store.
    const all = (await api(base, '/healthz')).events;
    await page.goto(`${base}/#/events`);
    await waitReady(page, 'events');
    const pageRows = await page.locator('#events-table tbody tr').count();
    check(pageRows === Math.min(50, all), `a page shows up to 50 events (${pageRows} of ${all})`);
    if (all > 50) {
      await page.click('.pager button:has-text("Next")');
      await page.waitForFunction(() => location.hash.includes('offset=50'));
      await waitReady(page, 'events');
      check((await page.textContent('.page-info')).startsWith('Events 51'), 'Next shows the second page');
      await page.goto(`${base}/#/events?a=IRN&b=RUS`);
      await waitReady(page, 'events');
    }
    check((await unlabelled(page)).length === 0, 'every control of the events view has a label');
    await page.goto(`${base}/#/events?a=IRN&b=RUS`);
    await waitReady(page, 'events');
    await page.screenshot({ path: shotPath('events', DESKTOP) });
  },

  async detail(page, base) {
    await page.goto(`${base}/#/events?a=IRN&b=RUS${haveSeed ? '&code=057' : ''}`);
    await waitReady(page, 'events');
    const row = page.locator('#events-table tbody tr').first();
    if (!check((await row.count()) === 1, 'there is an IRN–RUS event to open')) return;
    const id = await row.getAttribute('data-id');
    await row.focus();
    await page.keyboard.press('Enter');
    const dialog = page.locator('#event-dialog[open]');
    await dialog.locator('.mention').first().waitFor({ timeout: T(5000) });
    const ev = await api(base, `/api/events/${id}`);
    check((await dialog.locator('.mention').count()) === ev.mentions.length, `the dialog lists each report (${ev.mentions.length})`);
    check((await dialog.locator('h2').textContent()).includes(ev.event_name), `the dialog is headed by the CAMEO name (${ev.event_name})`);
    const verb = dialog.locator('.mention mark.hl-verb').first();
    check((await verb.count()) === 1, 'the verb is highlighted in the sentence');
    const m0 = ev.mentions[0];
    const verbText = m0.verb && typeof m0.verb === 'object' ? m0.verb.text : m0.verb;
    if (verbText) check((await verb.textContent()) === verbText, `the highlighted verb is the one that fired ("${verbText}")`);
    check((await dialog.locator('.mention mark.hl-source').count()) > 0, 'the source actor is highlighted');
    if (m0.target) check((await dialog.locator('.mention mark.hl-target').count()) > 0, 'the target actor is highlighted');
    const pattern = (await dialog.locator('code.pattern').first().textContent()).trim();
    check(pattern.length > 0 && pattern === (m0.pattern || '').trim(), `the pattern that fired is shown (${pattern})`);
    check((await dialog.locator('.entry').count()) >= 2, 'the dictionary entries (file:line) are shown');
    await page.screenshot({ path: shotPath('detail', DESKTOP) });
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !document.querySelector('#event-dialog').open);
    check(await page.evaluate((rid) => document.activeElement && document.activeElement.dataset.id === rid, id), 'Escape closes the dialog and focus returns to the row');
  },

  async code(page, base) {
    await page.goto(`${base}/#/code`);
    await waitReady(page, 'code');
    const text = haveSeed ? readFileSync(seed, 'utf8') : 'Iran and Russia signed a treaty in Moscow on Friday.';
    await page.fill('#code-text', text);
    await page.fill('#code-date', '2025-01-20');
    await page.click('#code-run');
    await page.waitForSelector('#code-out[data-events]', { timeout: T(20000) });
    const n = Number(await page.getAttribute('#code-out', 'data-events'));
    check(n > 0, `coding the ${haveSeed ? 'seed article' : 'one-sentence example'} shows events (${n})`);
    const rows057 = page.locator('#code-events tbody tr[data-code="057"]');
    if (haveSeed) check((await rows057.count()) > 0, `the seed article's treaty signing (057) is shown (${await rows057.count()} rows)`);
    else console.log('  note: ../shared absent: the seed-article 057 assertion is skipped');
    const marked = await page.locator('#code-sentences .sentence-item.has-events').count();
    check(marked > 0 && (await page.locator('#code-sentences mark.hl-verb').count()) > 0, `the sentences with events are shown with highlights (${marked})`);
    if (await rows057.count()) {
      const si = await rows057.first().getAttribute('data-sentence');
      const sent = await page.textContent(`#code-sentences [data-index="${si}"] p.sentence`);
      check(/sign/i.test(sent), `the 057 event's sentence is the signing: ${sent.slice(0, 80)}…`);
      await rows057.first().focus();
      await page.keyboard.press('Enter');
      check(await page.locator(`#code-sentences [data-index="${si}"].active`).count() === 1, 'Enter on an event marks its sentence');
    }
    check((await unlabelled(page)).length === 0, 'every control of the code view has a label');
    await page.screenshot({ path: shotPath('code', DESKTOP) });
  },

  async keyboard(page, base) {
    await page.goto(`${base}/#/events?a=IRN&b=RUS`);
    await waitReady(page, 'events');
    // Tab from the top: the skip link first, then the tabs, with a visible focus ring.
    await page.keyboard.press('Tab');
    check((await page.evaluate(() => document.activeElement.className)) === 'skip', 'the first Tab reaches the skip link');
    await page.keyboard.press('Tab');
    const tab = await page.evaluate(() => {
      const e = document.activeElement;
      const s = getComputedStyle(e);
      return { text: e.textContent, outline: s.outlineStyle, width: parseFloat(s.outlineWidth) };
    });
    check(tab.text === 'Timeline' && tab.outline !== 'none' && tab.width >= 2, `focus is visible on the first tab (${tab.outline} ${tab.width}px)`);
    let reachedRow = false;
    for (let i = 0; i < 40 && !reachedRow; i++) {
      await page.keyboard.press('Tab');
      reachedRow = await page.evaluate(() => document.activeElement.matches('#events-table tbody tr'));
    }
    check(reachedRow, 'Tab reaches the event table rows');
    const rowOutline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
    check(rowOutline !== 'none', 'the focused row is visibly marked');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#event-dialog[open] .mention', { timeout: T(5000) });
    check(await page.evaluate(() => document.activeElement.classList.contains('close')), 'Enter opens the row, focus moves into the dialog');
    await page.keyboard.press('Escape');
    // The tabs work with Enter too.
    await page.focus('.tabs a[data-view="network"]');
    await page.keyboard.press('Enter');
    await waitReady(page, 'network');
    check(await page.evaluate(() => document.activeElement.id === 'net-h'), 'Enter on a tab opens the view and moves focus to its heading');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    check(await page.evaluate(() => document.activeElement.matches('g.node')), 'Tab reaches the network nodes');
    await page.screenshot({ path: shotPath('keyboard-focus', DESKTOP) });
  },

  async phone(page, base) {
    await page.setViewportSize(PHONE);
    for (const v of ['timeline', 'map', 'network', 'events', 'code']) {
      await page.goto(`${base}/#/${v}?a=IRN&b=RUS`);
      await waitReady(page, v);
      if (v === 'map') await page.waitForSelector('#map-svg path.country', { timeout: T(10000) });
      if (v === 'code') {
        await page.fill('#code-text', haveSeed ? readFileSync(seed, 'utf8') : 'Iran and Russia signed a treaty in Moscow on Friday.');
        await page.click('#code-run');
        await page.waitForSelector('#code-out[data-events]', { timeout: T(20000) });
      }
      check(await noPageOverflow(page), `${v} fits a ${PHONE.width} px screen without sideways scrolling`);
      await page.screenshot({ path: shotPath(v, PHONE) });
      if (v === 'events' && (await page.locator('#events-table tbody tr').count())) {
        await page.locator('#events-table tbody tr').first().click();
        await page.waitForSelector('#event-dialog[open] .mention', { timeout: T(5000) });
        const box = await page.locator('#event-dialog').boundingBox();
        check(box && box.x >= 0 && box.x + box.width <= PHONE.width, 'the event dialog fits the phone screen');
        await page.screenshot({ path: shotPath('detail', PHONE) });
        await page.keyboard.press('Escape');
      }
    }
  },
};

// ---- run -------------------------------------------------------------------

if (!tests[view]) {
  console.log(`unknown --view ${view}; one of ${Object.keys(tests).join(', ')}`);
  process.exit(1);
}
let browser = null;
let status = 1;
try {
  const base = await startServer();
  const index = await (await fetch(`${base}/`)).text();
  if (index.includes('dashboard was not built')) skip('this dyad was built without the dashboard (npm or web/node_modules missing at build time)');
  browser = await chromium.launch({ executablePath: chromiumPath, args: ['--headless', '--no-sandbox'] });
  const page = await browser.newPage({ viewport: DESKTOP });
  const errors = [];
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && errors.push(`console: ${m.text()}`));
  const external = [];
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(base) && !u.startsWith('data:')) external.push(u);
  });
  console.log(`view ${view} against ${base}`);
  await tests[view](page, base);
  check(errors.length === 0, `no script errors${errors.length ? `: ${errors.join(' | ')}` : ''}`);
  check(external.length === 0, `nothing is fetched from outside the server${external.length ? `: ${external.join(' ')}` : ''}`);
  status = failed ? 1 : 0;
} catch (e) {
  console.log(`FAIL ${e && e.stack ? e.stack : e}`);
  failed++;
  status = 1;
} finally {
  if (browser) await browser.close().catch(() => {});
  for (const c of cleanups.reverse()) await c();
}
console.log(`${passed} passed, ${failed} failed`);
console.log(`screenshots: ${artifacts}`);
process.exit(status);
