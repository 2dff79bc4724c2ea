import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonPageBytes } from '../../electron/api/json-reply';

const value = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.string({ unit: 'grapheme' }),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.array(fc.string({ unit: 'grapheme' })),
);
const row = fc.dictionary(fc.string({ unit: 'binary' }), value);

describe('jsonPageBytes', () => {
  it('gives the UTF-8 bytes of JSON.stringify({ data, meta }) from the rows\' JSON, for any rows, in any script', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 30 }), fc.record({ total: fc.nat(), limit: fc.nat(), offset: fc.nat() }), (rows, meta) => {
        expect(jsonPageBytes(rows.map((row) => JSON.stringify(row)), meta).equals(Buffer.from(JSON.stringify({ data: rows, meta }), 'utf8'))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('gives an empty page and a page of one row exactly', () => {
    const meta = { total: 3, limit: 50, offset: 100 };
    expect(jsonPageBytes([], meta).toString('utf8')).toBe('{"data":[],"meta":{"total":3,"limit":50,"offset":100}}');
    expect(jsonPageBytes(['{"full_name":"அனன்யா"}'], meta).toString('utf8')).toBe(
      '{"data":[{"full_name":"அனன்யா"}],"meta":{"total":3,"limit":50,"offset":100}}',
    );
  });
});
