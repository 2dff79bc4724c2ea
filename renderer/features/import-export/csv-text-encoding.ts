/**
 * The text encodings spreadsheets save CSV in, by their WHATWG names (what
 * TextDecoder takes) and in a recruiter's words. Excel's plain "CSV" is saved
 * in the computer's legacy code page, not UTF-8.
 */
export const CSV_ENCODINGS = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16 (Excel “Unicode Text”)',
  'utf-16be': 'UTF-16, big-endian',
  'windows-1252': 'Western European (Windows-1252)',
  'windows-1250': 'Central European (Windows-1250)',
  'windows-1251': 'Cyrillic (Windows-1251)',
  'windows-1253': 'Greek (Windows-1253)',
  'windows-1254': 'Turkish (Windows-1254)',
  'windows-1257': 'Baltic (Windows-1257)',
  shift_jis: 'Japanese (Shift_JIS)',
  gbk: 'Chinese, simplified (GBK)',
  big5: 'Chinese, traditional (Big5)',
  'euc-kr': 'Korean (EUC-KR)',
} as const;
export type CsvEncoding = keyof typeof CSV_ENCODINGS;

/** How the encoding was settled: said to the recruiter, who can choose another when letters look wrong. */
export type EncodingReason = 'byte-order mark' | 'UTF-16 zero bytes' | 'valid UTF-8' | 'not UTF-8' | 'chosen';

export interface DecodedText {
  text: string;
  encoding: CsvEncoding;
  reason: EncodingReason;
}

/** A file that is not valid UTF-8 and has no byte-order mark is most often Excel's CSV from a Western code page. */
const LEGACY_FALLBACK: CsvEncoding = 'windows-1252';

/**
 * A CSV file's bytes as text: in `chosen` when given; otherwise by its
 * byte-order mark, as UTF-16 when its zero bytes say so, as UTF-8 when its
 * bytes are valid UTF-8, and else as Windows-1252. Never with replacement characters standing in silently for
 * letters a UTF-8 reading could not decode. A byte-order mark is dropped.
 */
export function decodeCsvBytes(bytes: Uint8Array, chosen?: CsvEncoding): DecodedText {
  if (chosen) return { text: new TextDecoder(chosen).decode(bytes), encoding: chosen, reason: 'chosen' };
  const marked = byteOrderMark(bytes);
  if (marked) return { text: new TextDecoder(marked).decode(bytes), encoding: marked, reason: 'byte-order mark' };
  const unmarked = utf16ByZeroBytes(bytes);
  if (unmarked) return { text: new TextDecoder(unmarked).decode(bytes), encoding: unmarked, reason: 'UTF-16 zero bytes' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8', reason: 'valid UTF-8' };
  } catch {
    return { text: new TextDecoder(LEGACY_FALLBACK).decode(bytes), encoding: LEGACY_FALLBACK, reason: 'not UTF-8' };
  }
}

function byteOrderMark(bytes: Uint8Array): CsvEncoding | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

/** How many leading bytes the UTF-16 guess looks at: enough for the header row and a few more. */
const UTF16_SAMPLE_BYTES = 1024;

/**
 * UTF-16 saved without a byte-order mark (by a script, say): its Latin letters
 * each have a zero byte, always on the same side of the pair, which no UTF-8
 * text has (and a binary file has here and there). Undefined when the bytes
 * do not look so.
 */
function utf16ByZeroBytes(bytes: Uint8Array): CsvEncoding | undefined {
  const pairs = Math.floor(Math.min(bytes.length, UTF16_SAMPLE_BYTES) / 2);
  if (pairs < 2) return undefined;
  let zerosFirst = 0;
  let zerosSecond = 0;
  for (let pair = 0; pair < pairs; pair++) {
    if (bytes[2 * pair] === 0) zerosFirst++;
    if (bytes[2 * pair + 1] === 0) zerosSecond++;
  }
  if (zerosSecond >= pairs / 2 && zerosFirst === 0) return 'utf-16le';
  if (zerosFirst >= pairs / 2 && zerosSecond === 0) return 'utf-16be';
  return undefined;
}

/**
 * Why a chosen file is not a text file at all, or null when it may be one: a
 * workbook or a picture read as text shows only garbage and a wrong hint.
 */
export function notTextReason(bytes: Uint8Array, decoded: DecodedText): string | null {
  const startsWith = (...signature: number[]) => signature.every((byte, index) => bytes[index] === byte);
  const saveAsCsv = 'In Excel, choose File › Save As › CSV UTF-8, then choose that file.';
  if (startsWith(0x50, 0x4b, 0x03, 0x04)) return `it is an Excel workbook (or another zipped file), not CSV. ${saveAsCsv}`;
  if (startsWith(0xd0, 0xcf, 0x11, 0xe0)) return `it is an Excel 97–2003 workbook, not CSV. ${saveAsCsv}`;
  if (decoded.text.includes('\u0000')) return 'it is not a text file. Choose a CSV file saved from a spreadsheet.';
  return null;
}
