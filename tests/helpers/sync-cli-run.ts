/** What a run of the sync CLI leaves for a script to read, as the CLI tests check it (issue 3, item 9). */

/** The summary's fields, sorted: its last stdout line has exactly these. */
export const SUMMARY_KEYS = ['conflicts', 'created', 'errors', 'linked', 'parked', 'pulled', 'pushed', 'requests'];
export const NOTHING_DONE = { pulled: 0, pushed: 0, created: 0, linked: 0, conflicts: 0, parked: 0, requests: 0, errors: 0 };

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** The last stdout line parsed as a JSON object, or undefined when it is not one. */
  summary: Record<string, number> | undefined;
}

export function lastLineJson(stdout: string): Record<string, number> | undefined {
  try {
    const value: unknown = JSON.parse(stdout.trimEnd().split('\n').at(-1) ?? '');
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, number>) : undefined;
  } catch {
    return undefined;
  }
}
