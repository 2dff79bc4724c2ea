import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { apiTokenPath, loadOrCreateApiToken } from '../api/api-token';
import { buildApiServer, DEFAULT_API_PORT, listenOnLoopback } from '../api/api-server';
import { APP_VERSION } from '../app-version';
import { createCoreContext } from '../core/core-context';
import { closeDatabase, openDatabase } from '../db/connection';
import { DATABASE_FILE, defaultDataDir, ensureDataDir } from './data-dir';

const USAGE = `Usage: npm run serve -- [options]

Serves the local candidate store on 127.0.0.1 as /api/v1/candidates, the same
API as the cloud service, for spreadsheets, scripts and the app itself.

Options:
  --data-dir DIR  where the database and the API token live
                  (default: ${defaultDataDir()})
  --port N        the port to listen on, 0 for any free one (default: ${DEFAULT_API_PORT})
  -h, --help      show this help and exit

Every request needs "Authorization: Bearer <token>"; the token is in DIR/api-token.
Stop with Ctrl+C (or SIGTERM): requests in flight finish and the database is closed cleanly.`;

class UsageError extends Error {}

interface ServeOptions {
  dataDir: string;
  port: number;
}

function parseOptions(argv: string[]): ServeOptions | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        'data-dir': { type: 'string' },
        port: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) return 'help';
  const portText = values.port ?? String(DEFAULT_API_PORT);
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) throw new UsageError(`--port must be a whole number from 0 to 65535, not "${portText}".`);
  const dataDir = values['data-dir'] ?? defaultDataDir();
  if (dataDir.trim() === '') throw new UsageError('--data-dir must name a folder.');
  return { dataDir, port };
}

async function serve(options: ServeOptions): Promise<void> {
  ensureDataDir(options.dataDir);
  const token = loadOrCreateApiToken(options.dataDir);
  const db = openDatabase(join(options.dataDir, DATABASE_FILE));
  const app = buildApiServer({ ctx: createCoreContext(db), token, version: APP_VERSION });

  let url: string;
  try {
    url = await listenOnLoopback(app, options.port);
  } catch (error) {
    closeDatabase(db);
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new Error(
        `Port ${options.port} on 127.0.0.1 is already in use (is Recruiter Desk already running?). Choose another with --port.`,
      );
    }
    throw error;
  }

  process.stdout.write(
    `Recruiter Desk ${APP_VERSION}: local API listening\n` +
      `  API:        ${url}/api/v1/candidates\n` +
      `  Token file: ${apiTokenPath(options.dataDir)}\n` +
      `  Data:       ${options.dataDir}\n` +
      `Press Ctrl+C to stop.\n`,
  );

  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    // Writes are synchronous, so none is half-done here; close() lets requests in flight finish.
    await app.close();
    closeDatabase(db);
    process.stdout.write(`Stopped (${signal}); the database was closed cleanly.\n`);
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

async function main(argv: string[]): Promise<void> {
  let options;
  try {
    options = parseOptions(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message}\n\n${USAGE}\n`);
    process.exit(2);
  }
  if (options === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  try {
    await serve(options);
  } catch (error) {
    process.stderr.write(`recruiter-desk serve: ${(error as Error).message}\n`);
    process.exit(1);
  }
}

void main(process.argv.slice(2));
