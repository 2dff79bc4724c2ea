import { Agent, EnvHttpProxyAgent, ProxyAgent, Socks5ProxyAgent } from 'undici';
import { describe, expect, it } from 'vitest';
import { parsePacAnswer, ProxySettingsError, RemoteConnections } from '../../electron/sync/remote-connections';

describe('parsePacAnswer', () => {
  it.each([
    ['DIRECT', { kind: 'direct' }],
    ['direct', { kind: 'direct' }],
    ['PROXY proxy.corp:8080', { kind: 'proxy', url: 'http://proxy.corp:8080' }],
    ['PROXY proxy.corp:8080; DIRECT', { kind: 'proxy', url: 'http://proxy.corp:8080' }],
    ['HTTPS secure-proxy.corp:443', { kind: 'proxy', url: 'https://secure-proxy.corp:443' }],
    ['SOCKS5 socks.corp:1080', { kind: 'proxy', url: 'socks5://socks.corp:1080' }],
    ['SOCKS socks4.corp:1080; PROXY [fd00::1]:3128', { kind: 'proxy', url: 'http://[fd00::1]:3128' }],
    ['QUIC quic.corp:443;DIRECT', { kind: 'direct' }],
    ['PROXY no-port.corp; PROXY user@evil:1; PROXY a b:1; DIRECT', { kind: 'direct' }],
  ])('%s', (answer, route) => {
    expect(parsePacAnswer(answer)).toEqual(route);
  });

  it('refuses an answer with no route it can take, naming what it got', () => {
    expect(() => parsePacAnswer('')).toThrow(new ProxySettingsError("this computer's proxy settings gave no route to it"));
    expect(() => parsePacAnswer(' SOCKS 10.0.0.1:1080 ; ')).toThrow(
      new ProxySettingsError("this computer's proxy settings name no route the sync can take: SOCKS 10.0.0.1:1080"),
    );
  });
});

describe('RemoteConnections', () => {
  it('follows the environment without proxy settings, and goes straight to a remote on this machine', async () => {
    const elsewhere = new RemoteConnections('https://cloud.example');
    const here = new RemoteConnections('http://127.0.0.1:4000', { systemProxy: () => Promise.reject(new Error('not asked')) });
    expect(await elsewhere.dispatcherFor('https://cloud.example/api/v1/candidates')).toBeInstanceOf(EnvHttpProxyAgent);
    expect(elsewhere.proxySource).toBe('environment');
    expect(await here.dispatcherFor('http://127.0.0.1:4000/api/v1/candidates')).toBeInstanceOf(Agent);
    await Promise.all([elsewhere.close(), here.close()]);
  });

  it('keeps an answer of the settings for a minute, and keeps one pool per route', async () => {
    let now = 1_000_000;
    const answers = ['PROXY proxy.corp:8080', 'DIRECT', 'SOCKS5 socks.corp:1080', 'PROXY proxy.corp:8080'];
    const asked: string[] = [];
    const connections = new RemoteConnections('https://cloud.example', {
      systemProxy: async (url) => {
        asked.push(url);
        return answers[asked.length - 1] ?? 'DIRECT';
      },
      now: () => now,
    });
    const url = 'https://cloud.example/api/v1/candidates/c-1';
    const first = await connections.dispatcherFor(url);
    expect(first).toBeInstanceOf(ProxyAgent);
    now += 59_999;
    expect(await connections.dispatcherFor(url)).toBe(first);
    now += 1;
    expect(await connections.dispatcherFor(url)).toBeInstanceOf(Agent);
    connections.forgetRoute();
    expect(await connections.dispatcherFor(url)).toBeInstanceOf(Socks5ProxyAgent);
    connections.forgetRoute();
    expect(await connections.dispatcherFor(url)).toBe(first);
    expect(asked).toEqual([url, url, url, url]);
    expect(connections.proxySource).toBe('system');
    await connections.close();
  });
});
