import { describe, expect, it } from 'vitest';
import { parseAuthChallenge } from './auth-challenge.js';

describe('parseAuthChallenge', () => {
  it('reads a Docker Hub style Bearer challenge', () => {
    expect(
      parseAuthChallenge(
        'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/nginx:pull"',
      ),
    ).toEqual({
      scheme: 'bearer',
      realm: 'https://auth.docker.io/token',
      service: 'registry.docker.io',
      scope: 'repository:library/nginx:pull',
    });
  });

  it('keeps commas inside quoted values and accepts spaces, escapes and any case', () => {
    expect(
      parseAuthChallenge(
        'bearer realm="http://127.0.0.1:1/t", scope="repository:a:pull,push" , service=s\\x',
      ),
    ).toEqual({
      scheme: 'bearer',
      realm: 'http://127.0.0.1:1/t',
      scope: 'repository:a:pull,push',
      service: 's\\x',
    });
    expect(parseAuthChallenge('Bearer realm="a\\"b"')).toEqual({ scheme: 'bearer', realm: 'a"b' });
  });

  it('reads Basic, and refuses what it cannot answer', () => {
    expect(parseAuthChallenge('Basic realm="Registry Realm"')).toEqual({ scheme: 'basic' });
    expect(parseAuthChallenge(undefined)).toBeNull();
    expect(parseAuthChallenge('')).toBeNull();
    expect(parseAuthChallenge('Bearer service="x"')).toBeNull();
    expect(parseAuthChallenge('Negotiate abc')).toBeNull();
  });
});
