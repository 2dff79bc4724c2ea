import { createRemoteServer } from './remote-server';
import { parseCommandLine, readCommandLine, stopOnSignals, UsageError, wholeNumberOption } from '../../electron/cli/command-line';

const USAGE = `Usage: node --import tsx tools/remote-server/cli.ts [options]

Runs the remote test server: a stand-in for the cloud's /api/v1/candidates on
127.0.0.1, over a throwaway database, with test-only controls under /_test/.

Options:
  --port N          the port to listen on (default 0: any free one)
  --seed N          generate N candidates at start (default 0)
  --api-key KEY     the organisation's API key clients must send (default: random)
  --latency-ms N    fixed latency added to every API request (default 0)
  --random-seed N   seed of the generated data and fault rates (default: fixed)
  -h, --help        show this help and exit

Stop with Ctrl+C or SIGTERM: the database and its folder are removed.`;

function wholeNumber(name: string, text: string | undefined, max: number): number | undefined {
  return text === undefined ? undefined : wholeNumberOption(name, text, 0, max);
}

function parseOptions(argv: string[]) {
  const values = parseCommandLine(argv, {
    port: { type: 'string' },
    seed: { type: 'string' },
    'api-key': { type: 'string' },
    'latency-ms': { type: 'string' },
    'random-seed': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return 'help' as const;
  const apiKey = values['api-key'];
  if (apiKey !== undefined && !/^\S+$/.test(apiKey)) throw new UsageError('--api-key must be a non-empty string without spaces.');
  return {
    port: wholeNumber('port', values.port, 65535),
    initialCandidates: wholeNumber('seed', values.seed, 1_000_000),
    apiKey,
    latencyMs: wholeNumber('latency-ms', values['latency-ms'], 600_000),
    randomSeed: wholeNumber('random-seed', values['random-seed'], 0xffffffff),
  };
}

async function main(argv: string[]): Promise<void> {
  const options = readCommandLine(() => parseOptions(argv), USAGE);
  if (!options) return;

  let server;
  try {
    server = await createRemoteServer(options);
  } catch (error) {
    process.stderr.write(`remote-server: ${(error as Error).message}\n`);
    process.exit(1);
  }

  stopOnSignals(server.close, (signal) => `Stopped (${signal}).\n`);

  process.stdout.write(
    'Remote test server listening\n' +
      `  URL:     ${server.url}\n` +
      `  API key: ${server.apiKey}\n` +
      `  Data:    ${server.dataDir}\n` +
      'Press Ctrl+C to stop.\n',
  );
}

void main(process.argv.slice(2));
