/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// e2e tests pass functions to page.evaluate and waitForFunction, which run in the page: they need the DOM types.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page, Request } from 'playwright-core';
import { afterAll } from 'vitest';
import { bulkLoad } from '../../../bench/bulk-load';
import { type RemoteServer, createRemoteServer } from '../../../tools/remote-server/remote-server';
import { launchChromium } from './chromium';
import { PROJECT_ROOT } from '../../helpers/project-root';
import { ensureBuiltForThisRun } from './renderer-build';
import { SESSION_TOKEN_KEY, serveAddresses, startServeBundle } from './serve-bundle';

const SCREENSHOT_DIR = join(PROJECT_ROOT, 'tests', 'e2e', 'screenshots');

export interface Workspace {
  page: Page;
  /** The local API's origin, http://127.0.0.1:<port>. */
  baseUrl: string;
  token: string;
  /** The URL serve printed, with its one-time code (already spent by `page`, which is connected when openWorkspace returns). */
  openUrl: string;
  dataDir: string;
  /** The stand-in cloud serve syncs with, when opened withCloud. */
  cloud?: RemoteServer;
  /** A request to the local API with the token; a JSON answer parsed, any other as text. */
  api: <T = any>(method: string, path: string, body?: unknown) => Promise<{ status: number; body: T }>;
  /** Another page on the same workspace, already connected (the token in its session), e.g. at another size or in dark mode. */
  newPage: (options?: PageOptions) => Promise<Page>;
  close(): Promise<void>;
}

export interface PageOptions {
  viewport?: { width: number; height: number };
  colorScheme?: 'light' | 'dark';
}

export interface WorkspaceOptions {
  /** Start the stand-in cloud and pass it to serve as --remote-url/--remote-token. */
  withCloud?: boolean;
  /** How many generated candidates the cloud starts with (withCloud only). */
  cloudSeed?: number;
  /** Generated candidates bulk-loaded into the local store before serve starts. */
  localCandidates?: number;
  viewport?: { width: number; height: number };
  colorScheme?: 'light' | 'dark';
}

let browser: Promise<Browser> | undefined;

/** One Chromium per test file: started on first use, closed after the file's tests. */
export function sharedBrowser(): Promise<Browser> {
  browser ??= launchChromium();
  return browser;
}

afterAll(async () => {
  const started = browser;
  browser = undefined;
  if (started) await (await started).close();
});

/**
 * A recruiter's workspace end to end: a temp data folder (optionally
 * bulk-loaded), the stand-in cloud (optionally), the real `serve`, and a
 * Chromium page that opened serve's one-time URL. Always close() it: it stops
 * everything it started and removes the folder, also when opening failed half-way.
 */
export async function openWorkspace(options: WorkspaceOptions = {}): Promise<Workspace> {
  const cleanups: (() => Promise<void> | void)[] = [];
  const close = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  };
  try {
    const built = ensureBuiltForThisRun();
    const launched = sharedBrowser();
    const dataDir = mkdtempSync(join(tmpdir(), 'recruiter-desk-e2e-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    if (options.localCandidates) bulkLoad(dataDir, options.localCandidates);

    let cloud: RemoteServer | undefined;
    const args = ['--data-dir', dataDir, '--port', '0'];
    if (options.withCloud) {
      const remote = await createRemoteServer({ initialCandidates: options.cloudSeed ?? 0 });
      cloud = remote;
      cleanups.push(() => remote.close());
      args.push('--remote-url', remote.url, '--remote-token', remote.apiKey);
    }

    const serve = startServeBundle(await built, args);
    cleanups.push(() => serve.stop());
    const { baseUrl, openUrl, tokenFile } = await serveAddresses(serve);
    const token = readFileSync(tokenFile, 'utf8').trim();

    const browser = await launched;
    const newContext = async (pageOptions: PageOptions) => {
      const context = await browser.newContext({
        viewport: pageOptions.viewport ?? { width: 1280, height: 800 },
        colorScheme: pageOptions.colorScheme ?? 'light',
        // Dates and numbers as tests spell them, whatever language the machine is set to.
        locale: 'en-US',
      });
      cleanups.push(() => context.close());
      return context;
    };
    const page = await (await newContext(options)).newPage();
    await page.goto(openUrl);
    // Connected once the code has been traded for the token: a test that reloads before that finds no token kept.
    await page.getByRole('navigation', { name: 'Main' }).waitFor();

    const newPage = async (pageOptions: PageOptions = {}) => {
      const context = await newContext(pageOptions);
      await context.addInitScript(([key, value]) => sessionStorage.setItem(key, value), [SESSION_TOKEN_KEY, token] as const);
      const another = await context.newPage();
      await another.goto(`${baseUrl}/`);
      return another;
    };

    const api: Workspace['api'] = async (method, path, body) => {
      const response = await fetch(new URL(path, baseUrl), {
        method,
        headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
        body: body === undefined ? null : JSON.stringify(body),
      });
      const text = await response.text();
      const isJson = response.headers.get('content-type')?.includes('json') ?? false;
      return { status: response.status, body: isJson && text ? JSON.parse(text) : text };
    };

    return { page, baseUrl, token, openUrl, dataDir, ...(cloud ? { cloud } : {}), api, newPage, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** tests/e2e/screenshots/<name>.png (not committed), for people to look at. */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });
}

/** Whether the page sent a candidate's save: the unsaved form is also kept, by PUTs under /api/local/drafts, as it is typed. */
export function isCandidateSave(request: Request): boolean {
  return request.method() === 'PUT' && request.url().includes('/api/v1/candidates/');
}
