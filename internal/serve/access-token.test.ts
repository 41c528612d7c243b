// The gate over requests shaped as node:http gives them (headers lower-cased, url as sent).
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { cookieName, createAccessGate, newToken } from './access-token.js';

const request = (url: string, headers: Record<string, string> = {}) =>
  ({ url, headers }) as unknown as IncomingMessage;

describe('createAccessGate', () => {
  const token = newToken();
  const gate = createAccessGate(token);

  it('allows the Bearer header and the cookie of this port, in any position among other cookies', () => {
    expect(gate.check(request('/api/summary', { authorization: `Bearer ${token}` }), 80).kind).toBe(
      'allowed',
    );
    expect(gate.check(request('/api/summary', { authorization: `bearer  ${token}` }), 80).kind).toBe(
      'allowed',
    );
    const cookie = `a=1; ${cookieName(8080)}=${token}; b=2`;
    expect(gate.check(request('/', { cookie }), 8080).kind).toBe('allowed');
  });

  it('refuses no token, a wrong one, another scheme, a prefix of it, and the cookie of another port', () => {
    for (const headers of <Record<string, string>[]>[
      {},
      { authorization: `Bearer ${token.slice(0, -1)}` },
      { authorization: `Basic ${token}` },
      { authorization: `Bearer ${token} extra` },
      { cookie: `${cookieName(8081)}=${token}` },
      { cookie: `x${cookieName(8080)}=${token}` },
    ])
      expect(gate.check(request('/api/snapshot', headers), 8080)).toMatchObject({ kind: 'refused' });
  });

  it('turns a link with the token into a cookie and the same page without it', () => {
    const answer = gate.check(request(`/images/a%2Fb?sort=name&token=${encodeURIComponent(token)}#x`), 9000);
    expect(answer).toEqual({
      kind: 'sign-in',
      cookie: `${cookieName(9000)}=${token}; HttpOnly; SameSite=Strict; Path=/`,
      location: '/images/a%2Fb?sort=name',
    });
  });

  it('refuses a link with a wrong token even when the cookie is right', () => {
    const answer = gate.check(request('/?token=wrong', { cookie: `${cookieName(80)}=${token}` }), 80);
    expect(answer).toMatchObject({
      kind: 'refused',
      reason: expect.stringMatching(/^the token in this link/),
    });
  });

  it('makes a different 43-character URL-safe token each time', () => {
    expect(newToken()).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newToken()).not.toBe(newToken());
  });
});
