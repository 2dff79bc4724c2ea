import { createServer as createHttpServer, type IncomingMessage } from 'node:http';
import { type AddressInfo, connect, createServer as createTcpServer, type Server, type Socket } from 'node:net';

export interface TestProxy {
  /** Where each client asked to be taken, as host:port, in order. */
  tunnels: string[];
  /** host:port of the proxy itself. */
  address: string;
  stop: () => Promise<void>;
}

/**
 * Joins a client to the port it asked for on 127.0.0.1, whatever host it named,
 * so that a test can use a remote "elsewhere" (cloud.example) that is really here.
 */
function joinToLoopback(client: Socket, port: number, sockets: Set<Socket>, onJoined: (onward: Socket) => void): void {
  const onward = connect(port, '127.0.0.1', () => onJoined(onward));
  onward.on('error', () => client.destroy());
  client.on('error', () => onward.destroy());
  sockets.add(client).add(onward);
}

async function listen(server: Server, sockets: Set<Socket>, tunnels: string[]): Promise<TestProxy> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    tunnels,
    address: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** A tunnelling HTTP proxy, as corporate ones are: each CONNECT is joined to that port on 127.0.0.1. */
export async function startHttpProxy(): Promise<TestProxy> {
  const tunnels: string[] = [];
  const sockets = new Set<Socket>();
  const proxy = createHttpServer((_req, res) => res.writeHead(405).end());
  proxy.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    tunnels.push(req.url ?? '');
    joinToLoopback(client, Number(new URL(`http://${req.url ?? ''}`).port), sockets, (onward) => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      onward.write(head);
      onward.pipe(client);
      client.pipe(onward);
    });
  });
  return listen(proxy, sockets, tunnels);
}

/** A SOCKS5 proxy without authentication (RFC 1928), taking CONNECT to a domain name or IPv4 address. */
export async function startSocks5Proxy(): Promise<TestProxy> {
  const tunnels: string[] = [];
  const sockets = new Set<Socket>();
  const proxy = createTcpServer((client) => {
    sockets.add(client);
    client.once('data', (greeting) => {
      if (greeting[0] !== 5) return client.destroy();
      client.write(Buffer.from([5, 0]));
      client.once('data', (request) => {
        const [version, command, , addressType] = request;
        let host: string;
        let portAt: number;
        if (addressType === 3) {
          const length = request[4] ?? 0;
          host = request.subarray(5, 5 + length).toString('latin1');
          portAt = 5 + length;
        } else if (addressType === 1) {
          host = [...request.subarray(4, 8)].join('.');
          portAt = 8;
        } else {
          return client.end(Buffer.from([5, 8, 0, 1, 0, 0, 0, 0, 0, 0]));
        }
        if (version !== 5 || command !== 1) return client.end(Buffer.from([5, 7, 0, 1, 0, 0, 0, 0, 0, 0]));
        const port = request.readUInt16BE(portAt);
        tunnels.push(`${host}:${port}`);
        joinToLoopback(client, port, sockets, (onward) => {
          client.write(Buffer.from([5, 0, 0, 1, 127, 0, 0, 1, 0, 0]));
          onward.pipe(client);
          client.pipe(onward);
        });
      });
    });
  });
  return listen(proxy, sockets, tunnels);
}
