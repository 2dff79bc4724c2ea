import { type IncomingMessage, request as httpRequest } from 'node:http';

export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: any;
}

export interface HttpRequestOptions {
  method?: string;
  headers?: Record<string, string>;
  /** An object or array is sent as JSON with `content-type: application/json` unless headers say otherwise. */
  body?: unknown;
  /** Sent byte for byte, with no content-type added. */
  rawBody?: string | Buffer;
}

/**
 * A plain node:http request: unlike fetch it lets tests send any Host, Origin
 * or content-type, and malformed bodies.
 */
export function sendHttp(baseUrl: string, path: string, options: HttpRequestOptions = {}): Promise<HttpResponse> {
  const url = new URL(path, baseUrl);
  const headers: Record<string, string> = { ...options.headers };
  let payload: Buffer | undefined;
  if (options.rawBody !== undefined) {
    payload = Buffer.isBuffer(options.rawBody) ? options.rawBody : Buffer.from(options.rawBody, 'utf8');
  } else if (options.body !== undefined) {
    payload = Buffer.from(JSON.stringify(options.body), 'utf8');
    if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json';
  }
  if (payload) headers['content-length'] = String(payload.length);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: url.hostname, port: url.port, path: url.pathname + url.search, method: options.method ?? 'GET', headers, agent: false },
      (res) => readResponse(res).then(resolve, reject),
    );
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}

/** A whole response: status, headers, text, and the text parsed as JSON where it is JSON. */
export function readResponse(res: IncomingMessage): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
      resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
    });
    res.on('error', reject);
  });
}
