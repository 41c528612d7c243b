// A TCP proxy on 127.0.0.1 in front of a server (a TCP port or a unix socket) that can freeze the
// connections open through it: from then on it swallows what either side sends, without closing
// anything, the way a dead peer behind NAT or a proxy that buffers a stream looks to a client. New
// connections made after the freeze are forwarded normally, as a reconnect through another path.
import net from 'node:net';
import type { AddressInfo } from 'node:net';

export type ProxyTarget = { readonly port: number } | { readonly path: string };

interface Pair {
  readonly client: net.Socket;
  readonly upstream: net.Socket;
  frozen: boolean;
}

export class FreezingProxy {
  readonly #server: net.Server;
  readonly #pairs = new Set<Pair>();
  port = 0;

  private constructor(target: ProxyTarget) {
    this.#server = net.createServer((client) => {
      const upstream = 'path' in target ? net.connect(target.path) : net.connect(target.port, '127.0.0.1');
      const pair: Pair = { client, upstream, frozen: false };
      this.#pairs.add(pair);
      client.on('data', (chunk) => pair.frozen || upstream.write(chunk));
      upstream.on('data', (chunk) => pair.frozen || client.write(chunk));
      const close = () => {
        this.#pairs.delete(pair);
        client.destroy();
        upstream.destroy();
      };
      // A frozen connection does not pass a close on either: the other side keeps waiting.
      client.on('close', () => pair.frozen || close());
      upstream.on('close', () => pair.frozen || close());
      client.on('error', () => {});
      upstream.on('error', () => {});
    });
  }

  static async start(target: ProxyTarget): Promise<FreezingProxy> {
    const proxy = new FreezingProxy(target);
    await new Promise<void>((resolve) => proxy.#server.listen(0, '127.0.0.1', resolve));
    proxy.port = (proxy.#server.address() as AddressInfo).port;
    return proxy;
  }

  /** Connections open through the proxy (frozen ones included). */
  get connections(): number {
    return this.#pairs.size;
  }

  /** Connections frozen and still held open. */
  get frozen(): number {
    return [...this.#pairs].filter((pair) => pair.frozen).length;
  }

  /** Every connection open now stops passing data (both ways) and is never closed by the proxy. */
  freeze(): void {
    for (const pair of this.#pairs) pair.frozen = true;
  }

  async stop(): Promise<void> {
    for (const pair of this.#pairs) {
      pair.client.destroy();
      pair.upstream.destroy();
    }
    this.#pairs.clear();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}
