import type { FastifyReply } from 'fastify';

const PAGE_HEAD = '{"data":[';

/**
 * `{"data":[...rows],"meta":meta}` as UTF-8 bytes, byte for byte what
 * JSON.stringify would give. Each row is stringified on its own: a whole page
 * with one character beyond Latin-1 (an Indian-script name, a curly
 * apostrophe) comes out of V8 as a large two-byte string in pieces, and
 * joining it up costs more than everything else here (a page of 100
 * candidates: ~1.3 ms whole, ~0.5 ms row by row). Small rows never need that.
 */
export function jsonPageBytes(rows: readonly object[], meta: object): Buffer {
  const rowJson = rows.map((row) => JSON.stringify(row));
  const tail = `],"meta":${JSON.stringify(meta)}}`;
  let size = PAGE_HEAD.length + Buffer.byteLength(tail) + Math.max(rowJson.length - 1, 0);
  for (const json of rowJson) size += Buffer.byteLength(json);
  const bytes = Buffer.allocUnsafe(size);
  let at = bytes.write(PAGE_HEAD);
  rowJson.forEach((json, i) => {
    if (i > 0) at += bytes.write(',', at);
    at += bytes.write(json, at);
  });
  bytes.write(tail, at);
  return bytes;
}

/**
 * Sends a list page as bytes encoded here: given a string, Fastify would
 * measure its UTF-8 length and then encode it again to write it.
 */
export function sendJsonPage(reply: FastifyReply, rows: readonly object[], meta: object): FastifyReply {
  return reply.type('application/json; charset=utf-8').send(jsonPageBytes(rows, meta));
}
