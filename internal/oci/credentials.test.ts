import { chmod, mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
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

describe('DockerConfigCredentials: a failing helper is remembered (a real helper script that counts its runs)', () => {
  /** A helper that fails like a locked keychain and appends a line to `runs` each time it runs. */
  async function failingHelper(): Promise<{
    provider: DockerConfigCredentials;
    runs: () => Promise<number>;
    touch: () => Promise<void>;
  }> {
    const root = await mkdtemp(join(dir, 'failing-'));
    const runsFile = join(root, 'runs');
    await writeFile(runsFile, '');
    await writeFile(
      join(root, 'docker-credential-locked'),
      `#!/bin/sh\necho run >> '${runsFile}'\necho 'error getting credentials: the keychain is locked'\nexit 1\n`,
    );
    await chmod(join(root, 'docker-credential-locked'), 0o755);
    const configPath = join(root, 'config.json');
    await writeFile(
      configPath,
      JSON.stringify({ credHelpers: { 'private.example': 'locked', 'other.example': 'locked' } }),
    );
    const provider = new DockerConfigCredentials({ configDir: root, env: { PATH: `${root}:/usr/bin:/bin` } });
    let touches = 0;
    return {
      provider,
      runs: async () => (await readFile(runsFile, 'utf8')).split('\n').filter(Boolean).length,
      // The same content, a later modification time: "the config file changed".
      touch: () => utimes(configPath, new Date(), new Date(Date.now() + ++touches * 60_000)),
    };
  }

  it('runs it once and answers its remembered failure (with what it said) until config.json changes', async () => {
    const { provider, runs, touch } = await failingHelper();
    const failures: unknown[] = [];
    for (let ask = 0; ask < 5; ask++)
      failures.push(await provider.get('private.example').catch((e: unknown) => e));
    expect(await runs()).toBe(1);
    for (const failure of failures) {
      expect(failure).toBeInstanceOf(CredentialHelperError);
      expect((failure as Error).message).toBe(
        'Credential helper docker-credential-locked failed for registry private.example: exited with code 1 ' +
          'saying "error getting credentials: the keychain is locked". Install it on PATH or fix it, or remove it ' +
          'from your Docker config.json. It is not run again until config.json changes or a login for ' +
          'private.example is given or changed in the app.',
      );
    }
    await touch();
    await expect(provider.get('private.example')).rejects.toBeInstanceOf(CredentialHelperError);
    expect(await runs()).toBe(2);
    await expect(provider.get('private.example')).rejects.toBeInstanceOf(CredentialHelperError);
    expect(await runs()).toBe(2);
  });

  it('runs it again after forget() for that registry (a login given in the app), not for another', async () => {
    const { provider, runs } = await failingHelper();
    await provider.get('private.example').catch(() => undefined);
    await provider.get('other.example').catch(() => undefined);
    expect(await runs()).toBe(2);
    provider.forget('other.example');
    await provider.get('private.example').catch(() => undefined);
    expect(await runs()).toBe(2);
    provider.forget('private.example');
    await provider.get('private.example').catch(() => undefined);
    expect(await runs()).toBe(3);
    provider.forget();
    await provider.get('private.example').catch(() => undefined);
    await provider.get('other.example').catch(() => undefined);
    expect(await runs()).toBe(5);
  });

  it('reads config.json again when it changed: a `docker login` in a terminal is picked up', async () => {
    const configDir = await mkdtemp(join(dir, 'login-'));
    await writeFile(join(configDir, 'config.json'), '{}');
    const provider = new DockerConfigCredentials({ configDir });
    expect(await provider.get('ghcr.io')).toBeUndefined();
    const auth = Buffer.from('dave:new-token').toString('base64');
    await writeFile(join(configDir, 'config.json'), JSON.stringify({ auths: { 'ghcr.io': { auth } } }));
    expect((await provider.get('ghcr.io'))?.username).toBe('dave');
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
