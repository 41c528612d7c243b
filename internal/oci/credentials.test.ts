import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CredentialConfigError,
  CredentialHelperError,
  DockerConfigCredentials,
  RegistryCredential,
  registryOfServerAddress,
} from './credentials.js';

let dir: string;
let binDir: string;

// A real executable speaking the docker-credential-helpers protocol (stdin: server URL).
const HELPER_SCRIPT = `#!/bin/sh
read server
case "$server" in
  https://index.docker.io/v1/) echo '{"ServerURL":"'"$server"'","Username":"hubuser","Secret":"hub-secret"}' ;;
  tokens.example) echo '{"ServerURL":"tokens.example","Username":"<token>","Secret":"refresh-token"}' ;;
  garbage.example) echo 'hunter2-not-json' ;;
  slow.example) sleep 5 ;;
  *) echo 'credentials not found in native keychain'; exit 1 ;;
esac
`;

async function providerWith(config: object, helperTimeoutMs = 2_000): Promise<DockerConfigCredentials> {
  const configDir = await mkdtemp(join(dir, 'cfg-'));
  await writeFile(join(configDir, 'config.json'), JSON.stringify(config));
  return new DockerConfigCredentials({
    configDir,
    env: { PATH: `${binDir}:/usr/bin:/bin` },
    helperTimeoutMs,
  });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'oci-credentials-'));
  binDir = join(dir, 'bin');
  await import('node:fs/promises').then((fs) => fs.mkdir(binDir));
  await writeFile(join(binDir, 'docker-credential-fake'), HELPER_SCRIPT);
  await chmod(join(binDir, 'docker-credential-fake'), 0o755);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('registryOfServerAddress', () => {
  it.each([
    ['https://index.docker.io/v1/', 'docker.io'],
    ['index.docker.io', 'docker.io'],
    ['registry-1.docker.io', 'docker.io'],
    ['https://ghcr.io', 'ghcr.io'],
    ['http://localhost:5000/v2/', 'localhost:5000'],
    ['Quay.IO', 'quay.io'],
  ])('%s → %s', (address, domain) => expect(registryOfServerAddress(address)).toBe(domain));
});

describe('DockerConfigCredentials: auths', () => {
  it('decodes "auth" (base64 user:pass) keyed by the Docker Hub v1 URL', async () => {
    const auth = Buffer.from('alice:p:ss').toString('base64');
    const provider = await providerWith({ auths: { 'https://index.docker.io/v1/': { auth } } });
    const credential = await provider.get('docker.io');
    expect(credential?.username).toBe('alice');
    expect(credential?.revealSecret()).toBe('p:ss');
    expect(credential?.kind).toBe('basic');
  });

  it('reads username/password and identitytoken entries keyed by host', async () => {
    const provider = await providerWith({
      auths: {
        'localhost:5000': { username: 'bob', password: 'pw' },
        'https://ghcr.io': { identitytoken: 'idt' },
      },
    });
    expect((await provider.get('localhost:5000'))?.revealSecret()).toBe('pw');
    const token = await provider.get('ghcr.io');
    expect(token?.kind).toBe('identity-token');
    expect(token?.revealSecret()).toBe('idt');
    expect(await provider.get('quay.io')).toBeUndefined();
  });

  it('answers undefined when there is no config file', async () => {
    const provider = new DockerConfigCredentials({ configDir: join(dir, 'nowhere') });
    expect(await provider.get('docker.io')).toBeUndefined();
  });

  it('rejects a broken config.json with a typed error naming the file', async () => {
    const configDir = await mkdtemp(join(dir, 'bad-'));
    await writeFile(join(configDir, 'config.json'), '{ not json');
    const provider = new DockerConfigCredentials({ configDir });
    const error = await provider.get('docker.io').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CredentialConfigError);
    expect((error as Error).message).toContain(join(configDir, 'config.json'));
  });

  it('rejects an "auth" that is not user:password without quoting it', async () => {
    const provider = await providerWith({
      auths: { 'x.example': { auth: Buffer.from('nocolon').toString('base64') } },
    });
    const error = await provider.get('x.example').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CredentialConfigError);
    expect((error as Error).message).not.toContain('nocolon');
  });
});

describe('DockerConfigCredentials: credential helpers (a real helper script on PATH)', () => {
  it('asks credsStore with the Docker Hub v1 URL on stdin', async () => {
    const provider = await providerWith({ credsStore: 'fake', auths: { 'https://index.docker.io/v1/': {} } });
    const credential = await provider.get('docker.io');
    expect(credential?.username).toBe('hubuser');
    expect(credential?.revealSecret()).toBe('hub-secret');
  });

  it('prefers credHelpers for that host and reads "<token>" as an identity token', async () => {
    const provider = await providerWith({ credsStore: 'missing', credHelpers: { 'tokens.example': 'fake' } });
    const credential = await provider.get('tokens.example');
    expect(credential?.kind).toBe('identity-token');
    expect(credential?.revealSecret()).toBe('refresh-token');
  });

  it('falls back to auths when the helper has no credentials', async () => {
    const provider = await providerWith({
      credsStore: 'fake',
      auths: { 'other.example': { username: 'u', password: 'p' } },
    });
    expect((await provider.get('other.example'))?.username).toBe('u');
    expect(await provider.get('none.example')).toBeUndefined();
  });

  it('a missing helper is a CredentialHelperError naming the helper and registry', async () => {
    const provider = await providerWith({ credHelpers: { 'ghcr.io': 'nonexistent' } });
    const error = await provider.get('ghcr.io').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CredentialHelperError);
    expect((error as CredentialHelperError).helper).toBe('nonexistent');
    expect((error as Error).message).toMatch(/docker-credential-nonexistent .*ghcr\.io: not found on PATH/);
  });

  it('garbage output is an error that does not quote the output', async () => {
    const provider = await providerWith({ credHelpers: { 'garbage.example': 'fake' } });
    const error = await provider.get('garbage.example').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CredentialHelperError);
    expect(inspect(error)).not.toContain('hunter2');
  });

  it('a hanging helper is killed after the timeout', async () => {
    const provider = await providerWith({ credHelpers: { 'slow.example': 'fake' } }, 200);
    const error = await provider.get('slow.example').catch((e: unknown) => e);
    expect((error as Error).message).toContain('timed out after 200 ms');
  });
});

describe('RegistryCredential never reveals its secret', () => {
  it('in toString, JSON, inspect, template strings and spread', () => {
    const credential = new RegistryCredential('ghcr.io', 'basic', 'carol', 's3cr3t-value');
    const renderings = [
      String(credential),
      `${credential}`,
      JSON.stringify(credential),
      JSON.stringify({ nested: credential }),
      inspect(credential),
      inspect({ nested: credential }, { depth: 5, showHidden: true }),
      JSON.stringify({ ...credential }),
    ];
    for (const text of renderings) expect(text).not.toContain('s3cr3t-value');
    expect(String(credential)).toContain('carol');
    expect(credential.revealSecret()).toBe('s3cr3t-value');
  });
});
