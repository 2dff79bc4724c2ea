import type { FastifyReply } from 'fastify';

const JSON_MEDIA_TYPE = 'application/json; charset=utf-8';
const PAGE_HEAD = '{"data":[';
const DATA_HEAD = Buffer.from('{"data":');
const DATA_TAIL = Buffer.from('}');

/**
 * `{"data":[...rows],"meta":meta}` as UTF-8 bytes, from each row's JSON. The
 * rows are written one by one: a page with one character beyond Latin-1 (an
 * Indian-script name, a curly apostrophe) is a large two-byte string once
 * joined up, and joining and encoding it cost more than everything else here
 * (a page of 100 candidates: ~1.3 ms whole, ~0.5 ms row by row).
 */
export function jsonPageBytes(rowsJson: readonly string[], meta: object): Buffer {
  const tail = `],"meta":${JSON.stringify(meta)}}`;
  let size = PAGE_HEAD.length + Buffer.byteLength(tail) + Math.max(rowsJson.length - 1, 0);
  for (const json of rowsJson) size += Buffer.byteLength(json);
  const bytes = Buffer.allocUnsafe(size);
  let at = bytes.write(PAGE_HEAD);
  rowsJson.forEach((json, i) => {
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
export function sendJsonPage(reply: FastifyReply, rowsJson: readonly string[], meta: object): FastifyReply {
  return reply.type(JSON_MEDIA_TYPE).send(jsonPageBytes(rowsJson, meta));
}

/** Sends `{"data":…}` around one value's JSON, already UTF-8 bytes. */
export function sendJsonData(reply: FastifyReply, json: Buffer): FastifyReply {
  return reply.type(JSON_MEDIA_TYPE).send(Buffer.concat([DATA_HEAD, json, DATA_TAIL]));
}
