import { describe, expect, it } from 'vitest';
import { decodeCsvBytes, notTextReason } from '../../renderer/features/import-export/csv-text-encoding';

const NAMES = 'Name,Email\nJosé Müller,jose@example.com\nRenée Ørsted,renee@example.com\n';
const bytes = (...parts: (number[] | Buffer)[]) => new Uint8Array(Buffer.concat(parts.map((part) => Buffer.from(part))));
const utf16le = (text: string) => Buffer.from(text, 'utf16le');
const utf16be = (text: string) => Buffer.from(utf16le(text)).swap16();

describe('decodeCsvBytes', () => {
  it('reads UTF-8, with or without a byte-order mark, and drops the mark', () => {
    expect(decodeCsvBytes(bytes(Buffer.from(NAMES)))).toEqual({ text: NAMES, encoding: 'utf-8', reason: 'valid UTF-8' });
    expect(decodeCsvBytes(bytes([0xef, 0xbb, 0xbf], Buffer.from(NAMES)))).toEqual({ text: NAMES, encoding: 'utf-8', reason: 'byte-order mark' });
  });

  it('reads UTF-16 by its byte-order mark, as Excel saves “Unicode Text”', () => {
    expect(decodeCsvBytes(bytes([0xff, 0xfe], utf16le(NAMES)))).toEqual({ text: NAMES, encoding: 'utf-16le', reason: 'byte-order mark' });
    expect(decodeCsvBytes(bytes([0xfe, 0xff], utf16be(NAMES)))).toEqual({ text: NAMES, encoding: 'utf-16be', reason: 'byte-order mark' });
  });

  it('reads UTF-16 saved without a byte-order mark by its zero bytes, rather than call it not text', () => {
    expect(decodeCsvBytes(bytes(utf16le(NAMES)))).toEqual({ text: NAMES, encoding: 'utf-16le', reason: 'UTF-16 zero bytes' });
    expect(decodeCsvBytes(bytes(utf16be(NAMES)))).toEqual({ text: NAMES, encoding: 'utf-16be', reason: 'UTF-16 zero bytes' });
    const unmarked = bytes(utf16le(NAMES));
    expect(notTextReason(unmarked, decodeCsvBytes(unmarked))).toBeNull();
    // Zero bytes here and there, as in a picture, are not UTF-16.
    expect(decodeCsvBytes(bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d])).reason).not.toBe('UTF-16 zero bytes');
  });

  it('reads a file that is not UTF-8 as Windows-1252, Excel’s plain CSV, rather than with replacement characters', () => {
    // "José Müller" and "Renée Ørsted" as Excel writes them on a Western computer. (Node's TextDecoder reads
    // 0x80–0x9F, the euro sign among them, as Latin-1; Chromium's, the workspace's, as Windows-1252: the e2e test checks those.)
    const excel = bytes(Buffer.from('Name\nJos'), [0xe9], Buffer.from(' M'), [0xfc], Buffer.from('ller\nRen'), [0xe9], Buffer.from('e '), [0xd8], Buffer.from('rsted\n'));
    expect(decodeCsvBytes(excel)).toEqual({ text: 'Name\nJosé Müller\nRenée Ørsted\n', encoding: 'windows-1252', reason: 'not UTF-8' });
  });

  it('reads the bytes in the encoding chosen, whatever they look like', () => {
    const cyrillic = bytes(Buffer.from('Name\n'), [0xc8, 0xe2, 0xe0, 0xed]);
    expect(decodeCsvBytes(cyrillic).text).toBe('Name\nÈâàí');
    expect(decodeCsvBytes(cyrillic, 'windows-1251')).toEqual({ text: 'Name\nИван', encoding: 'windows-1251', reason: 'chosen' });
    expect(decodeCsvBytes(bytes(Buffer.from('José Müller')), 'windows-1252').text).toBe('JosÃ© MÃ¼ller');
  });
});

describe('notTextReason', () => {
  const reason = (bytes: number[] | Uint8Array) => {
    const array = Uint8Array.from(bytes);
    return notTextReason(array, decodeCsvBytes(array));
  };

  it('names an Excel workbook, new or old, and says how to save it as CSV', () => {
    expect(reason([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00])).toMatch(/^it is an Excel workbook .*Save As › CSV UTF-8/);
    expect(reason([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1])).toMatch(/^it is an Excel 97–2003 workbook/);
  });

  it('says a picture or other binary file is not text', () => {
    expect(reason([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d])).toMatch(/^it is not a text file/);
  });

  it('takes CSV as text, UTF-16 (with its zero bytes) included', () => {
    expect(reason(new TextEncoder().encode('Name,Email\nA,a@example.com\n'))).toBeNull();
    const utf16 = [0xff, 0xfe, ...[...'Name\tEmail\n'].flatMap((char) => [char.charCodeAt(0), 0])];
    expect(reason(utf16)).toBeNull();
  });
});
