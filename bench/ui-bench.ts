/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// The measurements run inside the page (page.evaluate): they need the DOM types.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../tests/e2e/helpers/chromium';
import { buildWorkspaceInto } from '../tests/e2e/helpers/renderer-build';
import { SESSION_TOKEN_KEY, serveAddresses, startServeBundle } from '../tests/e2e/helpers/serve-bundle';
import { bulkLoad } from './bulk-load';
import { SEARCH_TERMS, surnameSearchTerms } from './candidate-generator';

const ROOT = resolve(__dirname, '..');
const RESULTS_FILE = join(ROOT, 'bench', 'results', 'ui.json');
const VIEWPORT = { width: 1280, height: 800 };
/** The list's fixed row height (renderer/features/candidates-list/CandidatesList.tsx). */
const ROW_HEIGHT = 40;
const FIRST_PAINT_RUNS = 7;
const SEARCH_TERM_COUNT = 20;
/** Typing speed of a quick typist; the measurement runs from the last keystroke. */
const KEY_DELAY_MS = 60;
const OPEN_RUNS = 15;
const SCROLL_TARGET_ROW = 50_000;
/** The scroll to row 50,000 as a drag of the scrollbar: this many jumps, this far apart. */
const SCROLL_STEPS = 25;
const SCROLL_STEP_MS = 40;
/** A sheet of new candidates, each applying to one job at a status, imported through the Import screen. */
const IMPORT_ROWS = 5_000;
const IMPORT_JOB_ID = '5b0c1d2e-3f40-4a51-8b62-7c8d9e0f1a2b';

const TARGETS = { firstPaintMs: 1000, searchMedianMs: 150, longestBlankMs: 200, openFormMedianMs: 100, importRowsPerSecond: 1000 };

function log(message: string): void {
  process.stdout.write(`${message}\n`);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function summary(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return { medianMs: round(median(values)), minMs: round(sorted[0]!), maxMs: round(sorted[sorted.length - 1]!), runs: values.map(round) };
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

/**
 * Installed before every page load: notes, in the page's own clock (0 = the
 * navigation's start), the animation frame that first shows a candidate row,
 * and the time of every key press (for the search measurement).
 */
function installProbe(): void {
  const probe = { firstRowAt: null as number | null, lastKeyAt: 0 };
  (window as unknown as { uiProbe: typeof probe }).uiProbe = probe;
  // Every search's request stays listed for the breakdown, past the default 250 entries.
  performance.setResourceTimingBufferSize(100_000);
  window.addEventListener('keydown', () => (probe.lastKeyAt = performance.now()), true);
  const observer = new MutationObserver(() => {
    if (!document.querySelector('[role="grid"] [role="row"][aria-selected]')) return;
    observer.disconnect();
    requestAnimationFrame(() => (probe.firstRowAt = performance.now()));
  });
  observer.observe(document, { childList: true, subtree: true });
}

async function connectedContext(browser: Browser, token: string | null): Promise<BrowserContext> {
  // Counts read as the script spells them ("5,000"), whatever language the machine is set to.
  const context = await browser.newContext({ viewport: VIEWPORT, locale: 'en-US' });
  // tsx keeps function names with an `__name` helper that page.evaluate's functions then call in the page.
  await context.addInitScript('globalThis.__name = (target) => target;');
  await context.addInitScript(installProbe);
  if (token) await context.addInitScript(([key, value]) => sessionStorage.setItem(key, value), [SESSION_TOKEN_KEY, token] as const);
  return context;
}

async function firstRowAt(page: Page): Promise<number> {
  await page.waitForFunction(() => (window as unknown as { uiProbe: { firstRowAt: number | null } }).uiProbe.firstRowAt !== null, undefined, { timeout: 30_000 });
  return page.evaluate(() => (window as unknown as { uiProbe: { firstRowAt: number } }).uiProbe.firstRowAt);
}

/** Waits, frame by frame, until the list's count and first row are these; answers the page time of that frame. */
function waitForListState(page: Page, expected: { label: string; firstName: string | null }): Promise<number> {
  return page.evaluate(
    (wanted) =>
      new Promise<number>((done, fail) => {
        const giveUpAt = performance.now() + 30_000;
        const check = () => {
          const label = document.querySelector('.candidates-screen .screen-header .muted')?.textContent ?? '';
          const grid = document.querySelector('[role="grid"]');
          const first = document.querySelector('#candidate-row-0 .candidates-name-text')?.textContent ?? null;
          const settled = grid?.getAttribute('aria-busy') === 'false';
          if (settled && label === wanted.label && (wanted.firstName === null ? !document.querySelector('#candidate-row-0') : first === wanted.firstName)) {
            done(performance.now());
          } else if (performance.now() > giveUpAt) {
            fail(new Error(`The list did not reach ${JSON.stringify(wanted)}; it shows "${label}", first "${first}".`));
          } else requestAnimationFrame(check);
        };
        check();
      }),
    expected,
  );
}

/**
 * Cold: a fresh browser profile each time, as the first time the workspace is
 * opened (nothing cached, no compiled code kept). Warm: reloads in one
 * profile, as every later opening (HTTP and V8 code caches filled).
 */
async function measureFirstPaint(
  browser: Browser,
  baseUrl: string,
  openUrl: string,
  token: string,
): Promise<{ withCodeMs: number; withTokenMs: number[]; warmMs: number[] }> {
  const cold = await connectedContext(browser, null);
  const first = await cold.newPage();
  await first.goto(openUrl);
  const withCodeMs = await firstRowAt(first);
  await cold.close();
  const withTokenMs: number[] = [];
  for (let run = 0; run < FIRST_PAINT_RUNS; run++) {
    const context = await connectedContext(browser, token);
    const page = await context.newPage();
    await page.goto(`${baseUrl}/`);
    withTokenMs.push(await firstRowAt(page));
    await context.close();
  }
  const warmMs: number[] = [];
  const context = await connectedContext(browser, token);
  const page = await context.newPage();
  await page.goto(`${baseUrl}/`);
  await firstRowAt(page);
  for (let run = 0; run < FIRST_PAINT_RUNS; run++) {
    await page.reload();
    warmMs.push(await firstRowAt(page));
  }
  await context.close();
  return { withCodeMs, withTokenMs, warmMs };
}

/**
 * Waits, frame by frame, until the list has answered a search for `term`:
 * settled, counting the matches of that term, and every row on screen
 * matching it (name or email). Answers the page time of that frame.
 */
function waitForSearchAnswer(page: Page, term: string): Promise<number> {
  return page.evaluate(
    (wanted) =>
      new Promise<number>((done, fail) => {
        const giveUpAt = performance.now() + 30_000;
        const check = () => {
          const label = document.querySelector('.candidates-screen .screen-header .muted')?.textContent ?? '';
          const settled = document.querySelector('[role="grid"]')?.getAttribute('aria-busy') === 'false';
          const rows = [...document.querySelectorAll('[role="grid"] [role="row"][aria-selected]')];
          const allMatch = rows.every((row) => {
            const cells = row.querySelectorAll('[role="gridcell"]');
            return `${cells[0]?.textContent ?? ''} ${cells[1]?.textContent ?? ''}`.toLowerCase().includes(wanted);
          });
          if (settled && label.endsWith(` matching “${wanted}”`) && allMatch) done(performance.now());
          else if (performance.now() > giveUpAt) fail(new Error(`The list did not answer "${wanted}"; it shows "${label}".`));
          else requestAnimationFrame(check);
        };
        check();
      }),
    term.toLowerCase(),
  );
}

interface SearchFigure {
  term: string;
  matches: number;
  ms: number;
  debounceMs?: number;
  apiMs?: number;
  renderMs?: number;
}

async function measureSearch(page: Page, api: ApiGet, total: number): Promise<SearchFigure[]> {
  const terms = [...surnameSearchTerms().filter((_, index) => index % 3 === 0).slice(0, SEARCH_TERM_COUNT - 2), SEARCH_TERMS.rare, SEARCH_TERMS.none];
  const newest = (await api('/api/v1/candidates?limit=1')).data[0]!.full_name;
  const search = page.getByLabel('Search');
  const results: SearchFigure[] = [];
  for (const term of terms) {
    await search.fill('');
    await waitForListState(page, { label: `${total.toLocaleString('en-US')} candidates`, firstName: newest });
    await search.focus();
    await page.keyboard.type(term, { delay: KEY_DELAY_MS });
    const shownAt = await waitForSearchAnswer(page, term);
    const lastKeyAt = await page.evaluate(() => (window as unknown as { uiProbe: { lastKeyAt: number } }).uiProbe.lastKeyAt);
    // Where the time went: waiting out the debounce, the API's answer, and rendering it.
    const request = await page.evaluate((query) => {
      const entries = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((entry) => entry.name.includes(query));
      const last = entries[entries.length - 1];
      return last ? { startedAt: last.startTime, answeredAt: last.responseEnd } : null;
    }, `search=${encodeURIComponent(term).replace(/%20/g, '+')}&`);
    // Checked after the measurement, so the API's own caches are as cold for the page as they would be.
    const answer = await api(`/api/v1/candidates?search=${encodeURIComponent(term)}&limit=1`);
    await waitForListState(page, { label: `${answer.meta.total.toLocaleString('en-US')} matching “${term}”`, firstName: answer.data[0]?.full_name ?? null });
    results.push({
      term,
      matches: answer.meta.total,
      ms: shownAt - lastKeyAt,
      ...(request ? { debounceMs: request.startedAt - lastKeyAt, apiMs: request.answeredAt - request.startedAt, renderMs: shownAt - request.answeredAt } : {}),
    });
  }
  await search.fill('');
  return results;
}

interface ScrollFigures {
  /** The longest any one row stayed a placeholder while on screen: the figure the target is about. */
  longestBlankRowMs: number;
  /** The longest run of frames with any placeholder on screen (during a drag, a new stretch of rows is always on its way). */
  longestBlankViewMs: number;
  blankFrames: number;
  frames: number;
  /** From the end of the drag until row 50,000 and the rows around it show data. */
  settleMs: number;
}

async function measureScroll(page: Page): Promise<ScrollFigures> {
  return page.evaluate(
    async ({ targetRow, steps, stepMs, rowHeight }) => {
      const scroller = document.querySelector<HTMLElement>('.candidates-scroll')!;
      const view = scroller.getBoundingClientRect();
      const rowsInView = () =>
        [...scroller.querySelectorAll<HTMLElement>('[role="row"]')].filter((row) => {
          const box = row.getBoundingClientRect();
          return box.bottom > view.top && box.top < view.bottom;
        });
      const nextFrame = () => new Promise<number>((frame) => requestAnimationFrame(frame));
      let sampling = true;
      const blankSince = new Map<string, number>();
      let viewBlankSince: number | null = null;
      const figures = { longestBlankRowMs: 0, longestBlankViewMs: 0, blankFrames: 0, frames: 0 };
      const sample = (now: number) => {
        figures.frames++;
        const blankIds = new Set(rowsInView().filter((row) => row.getAttribute('aria-busy') === 'true').map((row) => row.id));
        for (const [id, since] of blankSince) {
          if (!blankIds.has(id)) {
            figures.longestBlankRowMs = Math.max(figures.longestBlankRowMs, now - since);
            blankSince.delete(id);
          }
        }
        for (const id of blankIds) if (!blankSince.has(id)) blankSince.set(id, now);
        if (blankIds.size > 0) {
          figures.blankFrames++;
          viewBlankSince ??= now;
          figures.longestBlankViewMs = Math.max(figures.longestBlankViewMs, now - viewBlankSince);
        } else viewBlankSince = null;
        if (sampling) requestAnimationFrame(sample);
      };
      requestAnimationFrame(sample);
      for (let step = 1; step <= steps; step++) {
        scroller.scrollTop = (targetRow * rowHeight * step) / steps;
        await new Promise((wait) => setTimeout(wait, stepMs));
      }
      const draggedAt = performance.now();
      while (rowsInView().some((row) => row.getAttribute('aria-busy') === 'true') || !document.querySelector(`#candidate-row-${targetRow}[aria-selected]`)) {
        await nextFrame();
      }
      const settleMs = performance.now() - draggedAt;
      await nextFrame();
      await nextFrame();
      sampling = false;
      return { ...figures, settleMs };
    },
    { targetRow: SCROLL_TARGET_ROW, steps: SCROLL_STEPS, stepMs: SCROLL_STEP_MS, rowHeight: ROW_HEIGHT },
  );
}

/** Clicks row `index` and waits for the editor's Full name field to hold its name; answers the milliseconds between. */
function openCandidate(page: Page, index: number): Promise<number> {
  return page.evaluate(
    (rowIndex) =>
      new Promise<number>((done, fail) => {
        const row = document.getElementById(`candidate-row-${rowIndex}`);
        const name = row?.querySelector('.candidates-name-text')?.textContent;
        if (!row || !name) {
          fail(new Error(`Row ${rowIndex} is not on screen.`));
          return;
        }
        const clickedAt = performance.now();
        row.click();
        const check = () => {
          const label = [...document.querySelectorAll('label')].find((candidate) => candidate.textContent?.trim() === 'Full name');
          const input = label?.control as HTMLInputElement | null | undefined;
          if (input?.value === name) done(performance.now() - clickedAt);
          else if (performance.now() - clickedAt > 30_000) fail(new Error(`The form did not show ${name}.`));
          else requestAnimationFrame(check);
        };
        check();
      }),
    index,
  );
}

async function measureOpenForm(page: Page): Promise<number[]> {
  const times: number[] = [];
  for (let run = 0; run < OPEN_RUNS; run++) {
    await page.locator(`#candidate-row-${run}[aria-selected]`).waitFor();
    times.push(await openCandidate(page, run));
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Candidates' }).click();
  }
  return times;
}

/**
 * From the Import button's press to the report, for IMPORT_ROWS rows the
 * database does not have (each creates a candidate and an application).
 * Checks the report counts every row created.
 */
async function measureImport(page: Page): Promise<{ ms: number; rowsPerSecond: number }> {
  const lines = ['Name,Email,Job ID,Status'];
  for (let i = 0; i < IMPORT_ROWS; i++) lines.push(`Imported Person ${i},imported.${i}@bench.example,${IMPORT_JOB_ID},Screening`);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Import' }).click();
  await page.getByLabel('CSV file').setInputFiles({ name: 'bench-import.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n')) });
  const start = page.getByRole('button', { name: `Import ${IMPORT_ROWS.toLocaleString('en-US')} rows` });
  await start.waitFor();
  const startedAt = performance.now();
  await start.click();
  await page.getByRole('heading', { name: 'Imported bench-import.csv' }).waitFor({ timeout: 600_000 });
  const ms = performance.now() - startedAt;
  const created = await page.locator('.import-count').filter({ hasText: 'Created' }).locator('dd').textContent();
  if (Number(created?.replaceAll(',', '')) !== IMPORT_ROWS) throw new Error(`The import created ${created} candidates, not ${IMPORT_ROWS}.`);
  return { ms, rowsPerSecond: (IMPORT_ROWS * 1000) / ms };
}

type ApiGet = (path: string) => Promise<{ data: { full_name: string }[]; meta: { total: number } }>;

async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { candidates: { type: 'string', default: '100000' } }, strict: true });
  const count = Number(values.candidates);
  if (!Number.isInteger(count) || count < SCROLL_TARGET_ROW + 100) throw new Error(`--candidates must be a whole number of at least ${SCROLL_TARGET_ROW + 100}.`);
  const startedAt = new Date().toISOString();
  const loadAverageBefore = loadavg();
  const workDir = mkdtempSync(join(tmpdir(), 'recruiter-desk-ui-bench-'));
  // Inside the project, so the bundle finds better-sqlite3 in node_modules; its own folder, so others' builds leave it be.
  const buildDir = join(ROOT, 'out', 'ui-bench-build');
  const dataDir = join(workDir, 'data');
  let serve: ReturnType<typeof startServeBundle> | undefined;
  let browser: Browser | undefined;
  try {
    log('Building the renderer and serve…');
    await buildWorkspaceInto(buildDir);
    log(`Loading ${count.toLocaleString('en-US')} candidates…`);
    const bulk = bulkLoad(dataDir, count);
    serve = startServeBundle(buildDir, ['--data-dir', dataDir, '--port', '0']);
    const { baseUrl, openUrl, tokenFile } = await serveAddresses(serve);
    const token = readFileSync(tokenFile, 'utf8').trim();
    const api: ApiGet = async (path) => {
      const response = await fetch(new URL(path, baseUrl), { headers: { Authorization: `Bearer ${token}` } });
      if (!response.ok) throw new Error(`${path} answered ${response.status}`);
      return (await response.json()) as Awaited<ReturnType<ApiGet>>;
    };
    browser = await launchChromium();

    log('First list paint…');
    const firstPaint = await measureFirstPaint(browser, baseUrl, openUrl, token);

    const context = await connectedContext(browser, token);
    const page = await context.newPage();
    await page.goto(`${baseUrl}/`);
    await firstRowAt(page);

    log('Search as you type…');
    const search = await measureSearch(page, api, count);
    await waitForListState(page, { label: `${count.toLocaleString('en-US')} candidates`, firstName: (await api('/api/v1/candidates?limit=1')).data[0]!.full_name });

    log('Opening candidates…');
    const openForm = await measureOpenForm(page);

    log(`Scrolling to row ${SCROLL_TARGET_ROW.toLocaleString('en-US')}…`);
    await page.locator('#candidate-row-0[aria-selected]').waitFor();
    const scroll = await measureScroll(page);

    log(`Importing ${IMPORT_ROWS.toLocaleString('en-US')} rows…`);
    const imported = await measureImport(page);
    await context.close();

    const firstPaintAll = [firstPaint.withCodeMs, ...firstPaint.withTokenMs];
    const figures = {
      firstPaint: { ...summary(firstPaintAll), withOneTimeCodeMs: round(firstPaint.withCodeMs), warm: summary(firstPaint.warmMs) },
      search: {
        ...summary(search.map((result) => result.ms)),
        apiMedianMs: round(median(search.flatMap((result) => (result.apiMs === undefined ? [] : [result.apiMs])))),
        terms: search.map((result) => Object.fromEntries(Object.entries(result).map(([key, value]) => [key, typeof value === 'number' && key !== 'matches' ? round(value) : value]))),
      },
      scroll: {
        toRow: SCROLL_TARGET_ROW,
        steps: SCROLL_STEPS,
        stepMs: SCROLL_STEP_MS,
        ...scroll,
        longestBlankRowMs: round(scroll.longestBlankRowMs),
        longestBlankViewMs: round(scroll.longestBlankViewMs),
        settleMs: round(scroll.settleMs),
      },
      openForm: summary(openForm),
      import: { rows: IMPORT_ROWS, ms: round(imported.ms), rowsPerSecond: Math.round(imported.rowsPerSecond) },
    };
    const verdicts = {
      firstPaint: figures.firstPaint.maxMs < TARGETS.firstPaintMs,
      search: figures.search.medianMs < TARGETS.searchMedianMs,
      scroll: figures.scroll.longestBlankRowMs <= TARGETS.longestBlankMs,
      openForm: figures.openForm.medianMs < TARGETS.openFormMedianMs,
      import: figures.import.rowsPerSecond >= TARGETS.importRowsPerSecond,
    };
    const results = {
      startedAt,
      finishedAt: new Date().toISOString(),
      machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? '', node: process.version, loadAverageBefore, loadAverageAfter: loadavg() },
      config: { candidates: count, viewport: VIEWPORT, firstPaintRuns: FIRST_PAINT_RUNS + 1, keyDelayMs: KEY_DELAY_MS, openRuns: OPEN_RUNS },
      bulk,
      targets: TARGETS,
      figures,
      verdicts,
    };
    mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
    writeFileSync(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);

    const rows: [string, string, string, boolean][] = [
      [
        'first list paint, cold profile (max)',
        `${figures.firstPaint.maxMs} ms (median ${figures.firstPaint.medianMs})`,
        `< ${TARGETS.firstPaintMs} ms`,
        verdicts.firstPaint,
      ],
      [
        'first list paint, warm (max)',
        `${figures.firstPaint.warm.maxMs} ms (median ${figures.firstPaint.warm.medianMs})`,
        `< ${TARGETS.firstPaintMs} ms`,
        figures.firstPaint.warm.maxMs < TARGETS.firstPaintMs,
      ],
      [
        'search typed → rows (median)',
        `${figures.search.medianMs} ms (API ${figures.search.apiMedianMs}, max ${figures.search.maxMs})`,
        `< ${TARGETS.searchMedianMs} ms`,
        verdicts.search,
      ],
      [
        `scroll to row ${SCROLL_TARGET_ROW}: longest blank row`,
        `${figures.scroll.longestBlankRowMs} ms (settled ${figures.scroll.settleMs} ms after)`,
        `<= ${TARGETS.longestBlankMs} ms`,
        verdicts.scroll,
      ],
      ['open candidate form (median)', `${figures.openForm.medianMs} ms (max ${figures.openForm.maxMs})`, `< ${TARGETS.openFormMedianMs} ms`, verdicts.openForm],
      [
        `import ${IMPORT_ROWS.toLocaleString('en-US')} new rows from CSV`,
        `${figures.import.rowsPerSecond.toLocaleString('en-US')} rows/s (${figures.import.ms} ms)`,
        `>= ${TARGETS.importRowsPerSecond} rows/s`,
        verdicts.import,
      ],
    ];
    log('');
    log(`UI benchmark, ${count.toLocaleString('en-US')} candidates, headless Chromium ${VIEWPORT.width}x${VIEWPORT.height}`);
    for (const [what, figure, target, ok] of rows) log(`  ${what.padEnd(40)} ${figure.padEnd(40)} ${target.padEnd(10)} ${ok ? 'ok' : 'MISSED'}`);
    log(`Load average before and after (${results.machine.cpus} CPUs): ${loadAverageBefore.map((load) => load.toFixed(1)).join(' ')} / ${results.machine.loadAverageAfter.map((load) => load.toFixed(1)).join(' ')}`);
    log(`Written to ${RESULTS_FILE}`);
    if (!Object.values(verdicts).every(Boolean)) process.exitCode = 1;
  } finally {
    await browser?.close();
    await serve?.stop();
    rmSync(workDir, { recursive: true, force: true });
    rmSync(buildDir, { recursive: true, force: true });
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`ui-bench: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
