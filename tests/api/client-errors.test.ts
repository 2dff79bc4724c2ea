import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApi, startTestApi } from '../helpers/test-api';

/** Sends raw bytes (what curl sends for an unencoded URL) and reads the whole answer until the server closes. */
function sendRaw(url: string, bytes: Buffer): Promise<{ status: number; headers: string; body: string }> {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1', () => socket.end(bytes));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [head = '', body = ''] = text.split('\r\n\r\n');
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1]), headers: head.toLowerCase(), body });
    });
  });
}

describe('requests Node cannot read as HTTP', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(async () => {
    await api.close();
  });

  const head = (requestLine: Buffer | string, extra = '') =>
    Buffer.concat([
      Buffer.from(requestLine),
      Buffer.from(`\r\nHost: ${new URL(api.url).host}\r\nAuthorization: Bearer ${api.token}\r\n${extra}\r\n`),
    ]);

  it('answers a URL with raw characters outside ASCII in the envelope, saying to percent-encode them', async () => {
    const answer = await sendRaw(api.url, head(Buffer.concat([Buffer.from('GET /api/v1/candidates?search='), Buffer.from('अनन्या'), Buffer.from(' HTTP/1.1')])));
    expect(answer.status).toBe(400);
    expect(answer.headers).toContain('content-type: application/json; charset=utf-8');
    expect(answer.headers).toContain('cache-control: no-store');
    const json = JSON.parse(answer.body);
    expect(json).toEqual({
      error: { code: 'validation_error', message: expect.stringMatching(/percent-encode/), details: [{ path: 'url', message: expect.any(String) }] },
    });
    expect(Number(/content-length: (\d+)/.exec(answer.headers)?.[1])).toBe(Buffer.byteLength(answer.body));
    // The same search, percent-encoded, is an ordinary request.
    const encoded = await api.call('GET', `/api/v1/candidates?search=${encodeURIComponent('अनन्या')}`);
    expect(encoded.status).toBe(200);
  });

  it('answers headers over 16 KB with 431 in the envelope', async () => {
    const answer = await sendRaw(api.url, head('GET /api/v1/candidates HTTP/1.1', `X-Filler: ${'a'.repeat(20_000)}\r\n`));
    expect(answer.status).toBe(431);
    expect(JSON.parse(answer.body).error.code).toBe('payload_too_large');
  });

  it('answers anything else that is not HTTP/1.1 with a 400 in the envelope', async () => {
    const answer = await sendRaw(api.url, Buffer.from('HELLO THERE\r\n\r\n'));
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toEqual({
      error: { code: 'validation_error', message: expect.any(String), details: [{ path: 'request', message: expect.any(String) }] },
    });
  });
});
