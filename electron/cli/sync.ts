import { join } from 'node:path';
import { type CoreContext, createCoreContext } from '../core/core-context';
import { closeDatabase, openDatabase } from '../db/connection';
import { CONFLICT_POLICIES, type ConflictPolicy } from '../sync/merge';
import { normalizeRemoteUrl, RemoteClient } from '../sync/remote-client';
import { remotePauseStore } from '../sync/remote-pause-store';
import { runSync, SyncAlreadyRunningError, type SyncSummary } from '../sync/sync-engine';
import { writeConflictPolicy } from '../sync/sync-settings';
import { parseCommandLine, readCommandLine, UsageError, wholeNumberOption } from './command-line';
import { CHOOSE_ANOTHER_WITH_FLAG, DATABASE_FILE, defaultDataDir, ensureDataDir, explainDataFolderError } from './data-dir';
import { readRemoteSettings, remoteSettingsPath, saveRemoteSettings } from './remote-settings';

// 2, bad usage, is readCommandLine's exit code.
const EXIT = { completed: 0, failed: 1, keyRejected: 3 } as const;

const USAGE = `Usage: npm run sync -- [options]

Runs one sync of the local candidate store with the cloud, then exits:
0 when it completed, 3 when the cloud rejected the API key, 2 for bad usage,
1 for any other failure. The last line printed is a JSON summary.

Options:
  --data-dir DIR        the data folder (default: ${defaultDataDir()})
  --remote-url URL      the cloud's origin, e.g. https://cloud.example.com
                        (one ending in /api/v1 is accepted too)
  --remote-token KEY    the organisation's API key (or set RECRUITER_DESK_REMOTE_TOKEN)
  --save                keep URL and key in DIR/remote.json (readable by you only),
                        so that \`npm run serve\` and the desktop app sync by
                        themselves (replacing a cloud set in the app); flags always win;
                        a key the cloud rejects is not kept
  --policy POLICY       conflicts: ask (default), prefer-remote or prefer-local;
                        with --save it is kept as the setting
  --concurrency N       requests at once, 1 to 16 (default 4)
  -h, --help            show this help and exit`;

interface SyncCommand {
  dataDir: string;
  remoteUrl: string;
  remoteToken: string;
  save: boolean;
  policy: ConflictPolicy | undefined;
  concurrency: number;
}

function parseCommand(argv: string[], env: NodeJS.ProcessEnv): SyncCommand | 'help' {
  const values = parseCommandLine(argv, {
    'data-dir': { type: 'string' },
    'remote-url': { type: 'string' },
    'remote-token': { type: 'string' },
    save: { type: 'boolean' },
    policy: { type: 'string' },
    concurrency: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return 'help';
  const dataDir = values['data-dir'] ?? defaultDataDir();
  if (dataDir.trim() === '') throw new UsageError('--data-dir must name a folder.');
  const saved = readRemoteSettings(dataDir);
  const remoteUrl = values['remote-url'] ?? saved?.remote_url;
  const remoteToken = values['remote-token'] ?? env.RECRUITER_DESK_REMOTE_TOKEN ?? saved?.remote_token;
  if (!remoteUrl) throw new UsageError('--remote-url is required (none is saved for this data folder).');
  if (!remoteToken) throw new UsageError('--remote-token is required (none is saved for this data folder).');
  // Checked here, not by the client, so a bad key is bad usage (exit 2); the message never quotes it.
  if (!/^[\x21-\x7e]+$/.test(remoteToken.trim())) {
    throw new UsageError('The API key (--remote-token or RECRUITER_DESK_REMOTE_TOKEN) must be printable ASCII without spaces.');
  }
  try {
    normalizeRemoteUrl(remoteUrl);
  } catch (error) {
    throw new UsageError(`--remote-url: ${(error as Error).message}`);
  }
  const policy = values.policy;
  if (policy !== undefined && !(CONFLICT_POLICIES as readonly string[]).includes(policy)) {
    throw new UsageError(`--policy must be one of ${CONFLICT_POLICIES.join(', ')}.`);
  }
  const concurrency = wholeNumberOption('concurrency', values.concurrency ?? '4', 1, 16);
  return { dataDir, remoteUrl, remoteToken, save: values.save ?? false, policy: policy as ConflictPolicy | undefined, concurrency };
}

function printSummary(summary: SyncSummary): void {
  process.stdout.write(JSON.stringify(summary) + '\n');
}

/** The summary of a run that did nothing: the last stdout line is a JSON summary whatever happens. */
const NOTHING_DONE: SyncSummary = { pulled: 0, pushed: 0, created: 0, linked: 0, conflicts: 0, parked: 0, requests: 0, errors: 0 };

/**
 * SIGINT or SIGTERM ends the run as a failed request would (what was done is
 * kept, the next sync resumes), so the summary is printed and the database
 * closed; a second signal exits at once.
 */
function stopOnInterrupt(remote: RemoteClient): () => void {
  let interrupted = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (interrupted) process.exit(EXIT.failed);
    interrupted = true;
    process.stderr.write(`recruiter-desk sync: ${signal}: stopping the sync.\n`);
    remote.stop();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
}

async function main(argv: string[]): Promise<number> {
  const command = readCommandLine(() => parseCommand(argv, process.env), USAGE, () => printSummary(NOTHING_DONE));
  if (!command) return EXIT.completed;

  let db: ReturnType<typeof openDatabase>;
  try {
    ensureDataDir(command.dataDir);
    db = openDatabase(join(command.dataDir, DATABASE_FILE));
  } catch (error) {
    throw new Error(explainDataFolderError(error, command.dataDir, CHOOSE_ANOTHER_WITH_FLAG));
  }
  const ctx = createCoreContext(db);
  let keyRejected = false;
  try {
    const reportError = (error: unknown) => process.stderr.write(`recruiter-desk sync: ${(error as Error).message}\n`);
    const remote = new RemoteClient({
      remoteUrl: command.remoteUrl,
      apiKey: command.remoteToken,
      concurrency: command.concurrency,
      pauseStore: remotePauseStore(ctx, command.remoteUrl, reportError),
    });
    const stopHandling = stopOnInterrupt(remote);
    const outcome = await runSync({
      ctx,
      remote,
      concurrency: command.concurrency,
      ...(command.policy ? { policy: command.policy } : {}),
      reportError,
    }).finally(stopHandling);
    keyRejected = !outcome.ok && outcome.apiKeyRejected;
    if (!outcome.ok) {
      process.stderr.write(
        outcome.apiKeyRejected
          ? 'recruiter-desk sync: API key rejected by the remote. Check --remote-token.\n'
          : `recruiter-desk sync: the sync did not complete: ${outcome.error.message}\nWhat was done is kept; the next sync resumes.\n`,
      );
      printSummary(outcome.summary);
      return outcome.apiKeyRejected ? EXIT.keyRejected : EXIT.failed;
    }
    printSummary(outcome.summary);
    return EXIT.completed;
  } catch (error) {
    if (error instanceof SyncAlreadyRunningError) {
      process.stderr.write(`recruiter-desk sync: ${error.message} Try again when it has finished.\n`);
      printSummary(NOTHING_DONE);
      return EXIT.failed;
    }
    throw error;
  } finally {
    saveIfAsked(command, ctx, keyRejected);
    closeDatabase(db);
  }
}

/** --save keeps URL, key and policy for `serve`, after the run: a key the remote has just rejected is not kept. */
function saveIfAsked(command: SyncCommand, ctx: CoreContext, keyRejected: boolean): void {
  if (!command.save) return;
  if (keyRejected) {
    process.stderr.write('recruiter-desk sync: nothing saved: the remote rejected this key.\n');
    return;
  }
  saveRemoteSettings(command.dataDir, { remote_url: command.remoteUrl, remote_token: command.remoteToken });
  if (command.policy) writeConflictPolicy(ctx, command.policy);
  process.stderr.write(`Saved the remote in ${remoteSettingsPath(command.dataDir)}.\n`);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`recruiter-desk sync: ${(error as Error).message}\n`);
    printSummary(NOTHING_DONE);
    process.exit(EXIT.failed);
  },
);
