import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { Agent } from './undici-agent.js';

describe('the Agent loaded without the rest of undici', () => {
  it('answers request() against a real server, before anything loaded undici’s index', async () => {
    const server = createServer((request, response) => response.end(`${request.method} ${request.url}`));
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const agent = new Agent({ keepAliveTimeout: 1000 });
    try {
      const { port } = server.address() as AddressInfo;
      const answer = await agent.request({ origin: `http://127.0.0.1:${port}`, path: '/v2/', method: 'GET' });
      expect(answer.statusCode).toBe(200);
      expect(await answer.body.text()).toBe('GET /v2/');
    } finally {
      await agent.close();
      await new Promise((done) => server.close(done));
    }
  });

  it('is the very Agent undici’s index exports', async () => {
    const { Agent: fromIndex } = await import('undici');
    expect(Agent).toBe(fromIndex);
  });
});
