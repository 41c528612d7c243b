import { createServer } from 'node:net';

/**
 * A TCP port on 127.0.0.1 that was free a moment ago. Another process may take it before the peer
 * binds it, so callers that cannot bind port 0 themselves retry on a failed start.
 */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (address === null || typeof address === 'string') {
        server.close();
        reject(new Error('the kernel gave no TCP port for 127.0.0.1:0'));
        return;
      }
      server.close(() => resolve(address.port));
    });
  });
}
