import { Agent, type Dispatcher, EnvHttpProxyAgent, ProxyAgent, Socks5ProxyAgent } from 'undici';

/**
 * The computer's proxy for a URL, as a PAC answer such as
 * "PROXY proxy.corp:8080; DIRECT": what Electron's session.resolveProxy
 * gives from the system's settings, PAC file and auto-discovery included.
 */
export type SystemProxyLookup = (url: string) => Promise<string>;

/** A way to the remote: straight there, or through the proxy at `url` (http:, https: or socks5:). */
export type ProxyRoute = { kind: 'direct' } | { kind: 'proxy'; url: string };

/** The computer's proxy settings could not be read, or name no route the sync can take. */
export class ProxySettingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProxySettingsError';
  }
}

/** How long one answer of the proxy settings is used: a laptop moves between networks, and a failed attempt asks again at once. */
const LOOKUP_TTL_MS = 60_000;

const PAC_SCHEMES: Readonly<Record<string, string>> = { PROXY: 'http', HTTP: 'http', HTTPS: 'https', SOCKS5: 'socks5' };

/**
 * The first route of a PAC answer the sync can take. Chromium lists them in
 * the order to try; SOCKS (version 4) and QUIC entries are passed over.
 */
export function parsePacAnswer(answer: string): ProxyRoute {
  const entries = answer
    .split(';')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  for (const entry of entries) {
    const [keyword = '', hostPort, ...rest] = entry.split(/\s+/);
    if (rest.length > 0) continue;
    if (keyword.toUpperCase() === 'DIRECT' && hostPort === undefined) return { kind: 'direct' };
    const scheme = PAC_SCHEMES[keyword.toUpperCase()];
    if (scheme === undefined || hostPort === undefined) continue;
    const url = proxyUrl(scheme, hostPort);
    if (url !== undefined) return { kind: 'proxy', url };
  }
  throw new ProxySettingsError(
    entries.length === 0
      ? "this computer's proxy settings gave no route to it"
      : `this computer's proxy settings name no route the sync can take: ${entries.join('; ')}`,
  );
}

/** host:port as Chromium writes it: a name or IPv4 address, or an IPv6 one in brackets, and a port. */
const HOST_PORT = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+):(\d{1,5})$/i;

function proxyUrl(scheme: string, hostPort: string): string | undefined {
  const match = HOST_PORT.exec(hostPort);
  return match && Number(match[2]) <= 65_535 ? `${scheme}://${hostPort.toLowerCase()}` : undefined;
}

/**
 * The connection pools a RemoteClient sends through, one per route. A remote
 * on this machine (the demo's, a test's) is always reached directly. Any
 * other goes by the computer's proxy settings when the host can read them
 * (the desktop app: started from a dock or menu, it has no proxy variables),
 * and otherwise by HTTPS_PROXY, HTTP_PROXY and NO_PROXY, as curl and npm go.
 */
export class RemoteConnections {
  /** Where a proxy that refuses the sync came from: the advice differs. */
  readonly proxySource: 'system' | 'environment';

  private readonly lookup: SystemProxyLookup | undefined;
  private readonly now: () => number;
  private readonly pools = new Map<string, Dispatcher>();
  private fixed: Dispatcher | undefined;
  private route: { askedAt: number; route: Promise<ProxyRoute> } | undefined;

  constructor(baseUrl: string, options: { systemProxy?: SystemProxyLookup; now?: () => number } = {}) {
    const loopback = isLoopbackHost(new URL(baseUrl).hostname);
    this.lookup = loopback ? undefined : options.systemProxy;
    this.now = options.now ?? Date.now;
    this.proxySource = this.lookup ? 'system' : 'environment';
    if (!this.lookup) this.fixed = loopback ? new Agent() : new EnvHttpProxyAgent();
  }

  /** The pool for a request to `url`, asking the proxy settings when the last answer is old or was followed by a failure. */
  async dispatcherFor(url: string): Promise<Dispatcher> {
    if (this.fixed) return this.fixed;
    const lookup = this.lookup as SystemProxyLookup;
    if (!this.route || this.now() - this.route.askedAt >= LOOKUP_TTL_MS) {
      this.route = { askedAt: this.now(), route: askSettings(lookup, url) };
    }
    return this.pool(await this.route.route);
  }

  /** After an attempt that got no answer: the network may have changed, so the next request asks the settings again. */
  forgetRoute(): void {
    this.route = undefined;
  }

  async close(): Promise<void> {
    await Promise.all([this.fixed, ...this.pools.values()].map((pool) => pool?.close()));
  }

  private pool(route: ProxyRoute): Dispatcher {
    const key = route.kind === 'direct' ? 'direct' : route.url;
    let pool = this.pools.get(key);
    if (!pool) {
      pool = route.kind === 'direct' ? new Agent() : route.url.startsWith('socks5:') ? new Socks5ProxyAgent(route.url) : new ProxyAgent(route.url);
      this.pools.set(key, pool);
    }
    return pool;
  }
}

async function askSettings(lookup: SystemProxyLookup, url: string): Promise<ProxyRoute> {
  let answer: string;
  try {
    answer = await lookup(url);
  } catch (error) {
    throw new ProxySettingsError(`this computer's proxy settings could not be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  return parsePacAnswer(answer);
}

function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}
