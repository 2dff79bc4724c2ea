import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_API_PORT } from '../electron/api/api-server';
import { parseCommandLine, readCommandLine, stopOnSignals, wholeNumberOption } from '../electron/cli/command-line';
import { DATABASE_FILE, ensureDataDir } from '../electron/cli/data-dir';
import { createOrMatchCandidate, updateCandidate } from '../electron/core/candidates';
import { createCoreContext } from '../electron/core/core-context';
import { closeDatabase, openDatabase } from '../electron/db/connection';
import { startLocalService } from '../electron/cli/local-service';
import { createRemoteServer } from './remote-server/remote-server';

const USAGE = `Usage: npm run demo -- [--port N] [--data-dir DIR]

Starts a stand-in cloud seeded with 300 candidates (some masked in the talent
pool, many with applications), points a fresh Recruiter Desk data folder at
it, stages a few offline edits (a new candidate, a conflicting edit on both
sides, contact details typed for a masked candidate), and serves the app with
sync on, so you can watch sync, masking and conflicts work without a cloud
account. Ctrl+C stops both.

  --port N        the local API's port (default ${DEFAULT_API_PORT}; 0 for any free one)
  --data-dir DIR  the data folder (default: a new temporary folder)`;

function parseOptions(argv: string[]): { port: number; dataDir: string | undefined } | 'help' {
  const values = parseCommandLine(argv, { port: { type: 'string' }, 'data-dir': { type: 'string' }, help: { type: 'boolean', short: 'h' } });
  if (values.help) return 'help';
  return { port: wholeNumberOption('port', values.port ?? String(DEFAULT_API_PORT), 0, 65535), dataDir: values['data-dir'] };
}

async function main(argv: string[]): Promise<void> {
  const options = readCommandLine(() => parseOptions(argv), USAGE);
  if (!options) return;
  const { port } = options;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'recruiter-desk-demo-'));
  const reportError = (error: unknown) => process.stderr.write(`demo: ${(error as Error).message}\n`);

  const cloud = await createRemoteServer({ initialCandidates: 300, reportError });
  const cloudCandidates = cloud.controls.snapshot();
  const masked = cloudCandidates.find((c) => c.talent_pool_status === 'masked')!;
  const plain = cloudCandidates.filter((c) => c.talent_pool_status === 'not_linked');
  const [conflicted, mergedBothWays] = [plain[0]!, plain[1]!];

  // Offline, before the first sync: a new candidate, and one the recruiter met whom
  // the cloud holds masked in the talent pool (her phone number will be parked).
  ensureDataDir(dataDir);
  const offline = openDatabase(join(dataDir, DATABASE_FILE));
  const offlineCtx = createCoreContext(offline);
  createOrMatchCandidate(offlineCtx, {
    full_name: 'Meera Offline',
    email: 'meera.offline@example.com',
    primary_skills: ['Kotlin', 'Android'],
    application: { job_id: '550e8400-e29b-41d4-a716-446655440000', status: 'Applied', notes: 'Added on the train' },
  });
  // Created here, so it keeps this local id for life; the cloud's id (masked.id) is not an id of the local API.
  const maskedLocalId = createOrMatchCandidate(offlineCtx, { full_name: masked.full_name, email: masked.email!, phone_number: '+91 98450 00000' }).candidate.id;
  closeDatabase(offline);

  const service = await startLocalService({
    dataDir,
    port,
    remote: { url: cloud.url, token: cloud.apiKey },
    // `npm run demo` builds the workspace first, into out/renderer as `serve` does.
    rendererDir: join(__dirname, '..', 'out', 'renderer'),
    reportError,
  });
  const { ctx } = service;
  const sync = service.sync();
  // The first sync started with the service; stage the rest once it is done.
  await sync!.scheduler.runNow();

  await ctx.writes.run(() => {
    updateCandidate(ctx, conflicted.id, { location: 'Pune (edited offline)' });
    updateCandidate(ctx, mergedBothWays.id, { notice_period_days: 15 });
  });
  cloud.controls.editAsRecruiter(conflicted.id, { location: 'Hyderabad (edited in the cloud)' });
  cloud.controls.editAsRecruiter(mergedBothWays.id, { current_company: 'Cloudly Ltd' });
  await sync!.scheduler.runNow();

  const api = service.url;
  stopOnSignals(
    async () => {
      await service.close();
      await cloud.close();
    },
    () => 'Demo stopped.\n',
  );

  process.stdout.write(
    `Recruiter Desk demo\n` +
      `  Local API:   ${api}/api/v1/candidates   (token: ${service.tokenFile})\n` +
      `  Open:        ${service.issueWorkspaceUrl() ?? 'the workspace is not built (npm run build:renderer)'}   (the workspace, in your browser)\n` +
      `  Stand-in cloud: ${cloud.url}/api/v1/candidates   (API key: ${cloud.apiKey}, test controls under /_test/)\n` +
      `  Data folder: ${dataDir}\n\n` +
      `What happened: 300 candidates came down from the cloud; "Meera Offline" was created offline and pushed;\n` +
      `candidate ${mergedBothWays.id} was edited on both sides (different fields: merged);\n` +
      `candidate ${conflicted.id} had its location edited on both sides: a conflict waits for you.\n` +
      `Masked candidate ${maskedLocalId} (${masked.id} in the cloud) shows its contact fields locked; the phone typed offline is parked\n` +
      `until the cloud reveals her (reveal: curl -X POST -H "Authorization: Bearer <key>" ${cloud.url}/_test/candidates/${masked.id}/reveal).\n\n` +
      `Try:\n` +
      `  T=$(cat "${service.tokenFile}")\n` +
      `  curl -s -H "Authorization: Bearer $T" ${api}/api/local/sync\n` +
      `  curl -s -H "Authorization: Bearer $T" ${api}/api/local/conflicts\n` +
      `  curl -s -X POST -H "Authorization: Bearer $T" -H 'content-type: application/json' -d '{"take":"local"}' ${api}/api/local/conflicts/ID/resolve\n` +
      `  curl -s -H "Authorization: Bearer $T" ${api}/api/v1/candidates/${maskedLocalId}\n` +
      `  curl -s -H "Authorization: Bearer $T" ${api}/api/local/parked\n` +
      `  curl -s -X POST -H "Authorization: Bearer $T" "${api}/api/local/sync?wait=true"\n` +
      `Press Ctrl+C to stop.\n`,
  );
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`demo: ${(error as Error).message}\n`);
  process.exit(1);
});
