import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { credentialIdentity } from './credential-identity.js';
import { RegistryCredential } from './credentials.js';

describe('credentialIdentity', () => {
  it('is the same for the same credential and differs when any part differs', () => {
    const base = ['ghcr.io', 'basic', 'alice', 's3cret'] as const;
    const identity = credentialIdentity(...base);
    expect(identity).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(credentialIdentity(...base)).toBe(identity);
    const others = [
      credentialIdentity('quay.io', 'basic', 'alice', 's3cret'),
      credentialIdentity('ghcr.io', 'identity-token', 'alice', 's3cret'),
      credentialIdentity('ghcr.io', 'basic', 'bob', 's3cret'),
      credentialIdentity('ghcr.io', 'basic', 'alice', 's3cret2'),
      // The separator keeps field boundaries: "ali" + "ce\0…" is not "alice" + "…".
      credentialIdentity('ghcr.io', 'basic', 'ali', 'ce\0s3cret'),
    ];
    expect(new Set([identity, ...others]).size).toBe(6);
  });

  it('is what a RegistryCredential carries, and neither shows the secret', () => {
    const credential = new RegistryCredential('ghcr.io', 'basic', 'alice', 'hunter2');
    expect(credential.identity).toBe(credentialIdentity('ghcr.io', 'basic', 'alice', 'hunter2'));
    const shown = [String(credential), JSON.stringify(credential), inspect(credential), credential.identity];
    for (const text of shown) expect(text).not.toContain('hunter2');
  });
});
