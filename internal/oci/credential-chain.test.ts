import { describe, expect, it } from 'vitest';
import { chainCredentials } from './credential-chain.js';
import { RegistryCredential, type CredentialProvider } from './credentials.js';

const only = (registry: string, username: string): CredentialProvider => ({
  get: async (asked) =>
    asked === registry ? new RegistryCredential(registry, 'basic', username, 'secret') : undefined,
});

describe('chainCredentials', () => {
  it('answers with the first provider that knows the registry', async () => {
    const chain = chainCredentials(
      only('ghcr.io', 'typed-in-app'),
      only('ghcr.io', 'docker-config'),
      only('quay.io', 'q'),
    );
    expect((await chain.get('ghcr.io'))?.username).toBe('typed-in-app');
    expect((await chain.get('quay.io'))?.username).toBe('q');
    expect(await chain.get('docker.io')).toBeUndefined();
  });

  it('passes a provider failure on (a broken credential helper is reported, not hidden)', async () => {
    const broken: CredentialProvider = { get: async () => Promise.reject(new Error('helper crashed')) };
    await expect(chainCredentials(only('a', 'x'), broken).get('b')).rejects.toThrow('helper crashed');
  });

  it('passes forget() on to every provider that remembers something', () => {
    const forgotten: (string | undefined)[] = [];
    const remembering: CredentialProvider = { get: async () => undefined, forget: (r) => forgotten.push(r) };
    const chain = chainCredentials(only('a', 'x'), remembering, remembering);
    chain.forget?.('ghcr.io');
    chain.forget?.();
    expect(forgotten).toEqual(['ghcr.io', 'ghcr.io', undefined, undefined]);
  });
});
