import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_API_PORT } from '../api/api-server';
import { APP_VERSION } from '../app-version';
import { normalizeRemoteUrl } from '../sync/remote-client';
import { readSyncIntervalMinutes } from '../sync/sync-settings';
import { parseCommandLine, readCommandLine, stopOnSignals, UsageError, wholeNumberOption } from './command-line';
import { CHOOSE_ANOTHER_WITH_FLAG, defaultDataDir, explainDataFolderError } from './data-dir';
import { startLocalService } from './local-service';
import { encryptedRemoteSettingsPath, readRemoteSettings } from './remote-settings';

const USAGE = `Usage: npm run serve -- [options]

Serves the local candidate store on 127.0.0.1 as /api/v1/candidates, the same
API as the cloud service, for spreadsheets, scripts and the app itself.

Options:
  --data-dir DIR  where the database and the API token live
                  (default: ${defaultDataDir()})
  --port N        the port to listen on, 0 for any free one (default: ${DEFAULT_API_PORT})
  --remote-url URL, --remote-token KEY
                  the cloud to sync with (default: the remote saved by
                  \`npm run sync -- --save\`; the key may also come from
                  RECRUITER_DESK_REMOTE_TOKEN). With a remote, serve syncs at
                  start, every few minutes (settings), soon after local edits,
                  and on POST /api/local/sync.
  -h, --help      show this help and exit

Every request needs "Authorization: Bearer <token>"; the token is in DIR/api-token.
Stop with Ctrl+C (or SIGTERM): requests in flight finish and the database is closed cleanly.`;

interface ServeOptions {
  dataDir: string;
  port: number;
  remoteUrl: string | undefined;
  remoteToken: string | undefined;
}

function parseOptions(argv: string[]): ServeOptions | 'help' {
  const values = parseCommandLine(argv, {
    'data-dir': { type: 'string' },
    port: { type: 'string' },
    'remote-url': { type: 'string' },
    'remote-token': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return 'help';
  const port = wholeNumberOption('port', values.port ?? String(DEFAULT_API_PORT), 0, 65535);
  const dataDir = values['data-dir'] ?? defaultDataDir();
  if (dataDir.trim() === '') throw new UsageError('--data-dir must name a folder.');
  const saved = readRemoteSettings(dataDir);
  const remoteUrl = values['remote-url'] ?? saved?.remote_url;
  const remoteToken = values['remote-token'] ?? process.env.RECRUITER_DESK_REMOTE_TOKEN ?? saved?.remote_token;
  if ((remoteUrl === undefined) !== (remoteToken === undefined)) {
    throw new UsageError('A remote needs both --remote-url and --remote-token (or both saved with `npm run sync -- --save`).');
  }
  if (remoteUrl !== undefined) {
    try {
      normalizeRemoteUrl(remoteUrl);
    } catch (error) {
      throw new UsageError(`--remote-url: ${(error as Error).message}`);
    }
  }
  return { dataDir, port, remoteUrl, remoteToken };
}

/** The built workspace: beside this bundle (out/cli → out/renderer), or in out/ when serve runs from source. */
function builtRendererDir(): string | undefined {
  return [join(__dirname, '../renderer'), join(__dirname, '../../out/renderer')].find((dir) => existsSync(join(dir, 'index.html')));
}

function syncOffReason(dataDir: string): string {
  return existsSync(encryptedRemoteSettingsPath(dataDir))
    ? "off: the desktop app keeps this folder's cloud in the OS keychain, which serve cannot read (`npm run sync -- --save` lets serve sync too)"
    : 'off (no remote configured)';
}

async function serve(options: ServeOptions): Promise<void> {
  const rendererDir = builtRendererDir();
  const service = await startLocalService({
    dataDir: options.dataDir,
    port: options.port,
    ...(rendererDir ? { rendererDir } : {}),
    ...(options.remoteUrl && options.remoteToken ? { remote: { url: options.remoteUrl, token: options.remoteToken } } : {}),
    reportError: (error) => process.stderr.write(`recruiter-desk serve: ${(error as Error).message}\n`),
  });
  const { url } = service;
  const sync = service.sync();
  const workspaceUrl = service.issueWorkspaceUrl();
  stopOnSignals(service.close, (signal) => `Stopped (${signal}); the database was closed cleanly.\n`);

  process.stdout.write(
    `Recruiter Desk ${APP_VERSION}: local API listening\n` +
      `  API:        ${url}/api/v1/candidates\n` +
      `  Token file: ${service.tokenFile}\n` +
      `  Open:       ${workspaceUrl ?? 'the workspace is not built (npm run build:renderer)'}\n` +
      `  Data:       ${options.dataDir}\n` +
      `  Sync:       ${sync ? `with ${sync.remoteUrl} every ${readSyncIntervalMinutes(service.ctx)} min (status: ${url}/api/local/sync)` : syncOffReason(options.dataDir)}\n` +
      `Press Ctrl+C to stop.\n`,
  );
}

async function main(argv: string[]): Promise<void> {
  const options = readCommandLine(() => parseOptions(argv), USAGE);
  if (!options) return;
  try {
    await serve(options);
  } catch (error) {
    process.stderr.write(`recruiter-desk serve: ${explainDataFolderError(error, options.dataDir, CHOOSE_ANOTHER_WITH_FLAG)}\n`);
    process.exit(1);
  }
}

void main(process.argv.slice(2));
