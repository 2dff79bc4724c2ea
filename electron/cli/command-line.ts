import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';

/**
 * `--name value` as `--name=value` for the options that take a value, so a
 * value that starts with a dash (an API key can) is read as the value, as the
 * user meant, instead of being refused by parseArgs as a possible flag.
 */
export function attachOptionValues(argv: readonly string[], valueOptions: readonly string[]): string[] {
  const takesValue = new Set(valueOptions.map((name) => `--${name}`));
  const result: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const next = argv[i + 1];
    if (takesValue.has(arg) && next !== undefined) {
      result.push(`${arg}=${next}`);
      i += 1;
    } else {
      result.push(arg);
    }
  }
  return result;
}

/** A command line the program cannot run as given: said on stderr with the usage, exit 2. */
export class UsageError extends Error {}

/**
 * The options of a command line, read strictly (unknown options and stray
 * words refused); a string option takes the next word as its value even when
 * it starts with a dash. What parseArgs refuses comes out as a UsageError.
 */
export function parseCommandLine<const O extends ParseArgsOptionsConfig>(argv: readonly string[], options: O) {
  const valueOptions = Object.keys(options).filter((name) => options[name]?.type === 'string');
  try {
    return parseArgs({ args: attachOptionValues(argv, valueOptions), options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** `text` as a whole number from `min` to `max`, or a UsageError naming the option. */
export function wholeNumberOption(name: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) {
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, not "${text}".`);
  }
  return value;
}

/**
 * What `parse` makes of the command line, or undefined once the usage has
 * been printed for --help (`parse` returns 'help'). A UsageError is printed
 * with the usage on stderr, then `beforeUsageExit` runs (a last stdout line
 * a script expects), and the process ends with exit code 2.
 */
export function readCommandLine<T>(parse: () => T | 'help', usage: string, beforeUsageExit: () => void = () => undefined): T | undefined {
  let parsed: T | 'help';
  try {
    parsed = parse();
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message}\n\n${usage}\n`);
    beforeUsageExit();
    process.exit(2);
  }
  if (parsed !== 'help') return parsed;
  process.stdout.write(`${usage}\n`);
  return undefined;
}

/**
 * On the first SIGINT or SIGTERM: `close`, print `farewell(signal)`, exit 0;
 * on a second one while closing: exit 1 at once. Installed before a program announces itself: whoever reads the
 * announcement may signal at once, and the default action would kill it.
 */
export function stopOnSignals(close: () => Promise<void>, farewell: (signal: NodeJS.Signals) => string): void {
  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) {
      // Asked twice: the user will not wait. What was committed is safe; SQLite's WAL recovers at the next start.
      process.stderr.write(`Stopped at once (${signal} again), without waiting for requests in flight.\n`);
      process.exit(1);
    }
    stopping = true;
    await close();
    process.stdout.write(farewell(signal));
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
