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
