/**
 * CSV injection: a spreadsheet app opening a CSV runs a cell that starts with
 * = + - or @ (or a tab or carriage return before one) as a formula, and
 * candidate data comes from job portals and the cloud. The export meant to be
 * double-clicked puts an apostrophe in front of such a cell, which Excel and
 * LibreOffice show as text; the workspace's import takes it off again.
 */

const FORMULA_START = /^[=+\-@\t\r]/;
/** Signed numbers and phone numbers ("+91 98765 43210", "-2.5"): data, and no room for a formula in them. */
const PLAIN_NUMBER = /^[+-]?[\d ().\/-]*$/;
const GUARD = "'";

function needsGuard(text: string): boolean {
  if (FORMULA_START.test(text)) return !PLAIN_NUMBER.test(text);
  // A value that already starts with the guard before a formula is guarded once more, so unguarding is exact.
  return text.startsWith(GUARD) && needsGuard(text.slice(GUARD.length));
}

/** The cell as a spreadsheet app should show it: as text, never run. */
export function guardFormula(text: string): string {
  return needsGuard(text) ? GUARD + text : text;
}

/** The value guardFormula was given. */
export function unguardFormula(cell: string): string {
  return cell.startsWith(GUARD) && needsGuard(cell.slice(GUARD.length)) ? cell.slice(GUARD.length) : cell;
}
