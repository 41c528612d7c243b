// RegistryAuth through the RegistryClient, against a fake registry demanding Basic auth, with the
// user's Docker config naming a credential helper that fails: a real script on PATH that counts
// its runs. A scan runs it once, not once per request; a login changed in the app
// (forgetCredentials) or a changed config.json runs it again. And a token server that redirects to
// a host that refuses: that refusal is not blamed on the login, which never reached that host.
import { chmod, mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient } from '../http/client.js';
import { startLocalHttpServer } from '../http/testing/local-http-server.js';
import { startFakeRegistry, type FakeRegistry } from '../../test/fakes/fake-registry.js';
import { RegistryClient } from './client.js';
import { DockerConfigCredentials } from './credentials.js';
import { RedirectTargetRefusedError, RegistryUnauthorizedError } from './errors.js';
import { RegistryCredential } from './credentials.js';
import { parseReference } from './reference.js';

const REPOSITORIES = Array.from({ length: 10 }, (_, i) => `team/app-${i}`);

let dir: string;
let fake: FakeRegistry;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'registry-auth-'));
  fake = await startFakeRegistry({ basicAuth: { username: 'ci', password: 'pw' } });
  for (const repository of REPOSITORIES) fake.setTags(repository, ['1.0']);
});
afterAll(async () => {
  await fake?.stop();
  await rm(dir, { recursive: true, force: true });
});

/** Writes docker-credential-vault: fails saying the vault is sealed, or (fixed) answers the login. */
async function writeHelper(fixed: boolean): Promise<void> {
  const answer = fixed
    ? `echo '{"ServerURL":"${fake.host}","Username":"ci","Secret":"pw"}'`
    : `echo 'vault is sealed'; exit 1`;
  const path = join(dir, 'docker-credential-vault');
  await writeFile(path, `#!/bin/sh\necho run >> '${join(dir, 'runs')}'\n${answer}\n`);
  await chmod(path, 0o755);
}

const runs = async () =>
  (await readFile(join(dir, 'runs'), 'utf8').catch(() => '')).split('\n').filter(Boolean).length;

describe('RegistryAuth with a failing credential helper (fake registry with Basic auth, a real helper script)', () => {
  it('runs the helper once for a scan, again after forgetCredentials, and picks up a fixed helper with config.json', async () => {
    await writeHelper(false);
    const configPath = join(dir, 'config.json');
    await writeFile(configPath, JSON.stringify({ credHelpers: { [fake.host]: 'vault' } }));
    const client = new RegistryClient({
      http: new HttpClient(),
      credentials: new DockerConfigCredentials({ configDir: dir, env: { PATH: `${dir}:/usr/bin:/bin` } }),
    });
    const list = (repository: string) => client.listTags(parseReference(`${fake.host}/${repository}`));

    const errors = await Promise.all(
      REPOSITORIES.map((repository) => list(repository).catch((e: unknown) => e)),
    );
    for (const error of errors) {
      expect(error).toBeInstanceOf(RegistryUnauthorizedError);
      expect((error as Error).message).toContain(
        `the stored credentials could not be read: Credential helper docker-credential-vault failed for registry ${fake.host}: exited with code 1 saying "vault is sealed"`,
      );
    }
    // Again, one after the other: still the one run (each answered from memory).
    for (const repository of REPOSITORIES.slice(0, 3)) await list(repository).catch(() => undefined);
    expect(await runs()).toBe(1);

    // A login given or changed in the app: the app calls credentialsChanged → forgetCredentials.
    client.forgetCredentials(fake.host);
    await expect(list(REPOSITORIES[0]!)).rejects.toBeInstanceOf(RegistryUnauthorizedError);
    expect(await runs()).toBe(2);

    // The user fixes the helper; nothing is run until config.json changes (here: touched).
    await writeHelper(true);
    await expect(list(REPOSITORIES[1]!)).rejects.toBeInstanceOf(RegistryUnauthorizedError);
    expect(await runs()).toBe(2);
    await utimes(configPath, new Date(), new Date(Date.now() + 60_000));
    expect(await list(REPOSITORIES[1]!)).toEqual(['1.0']);
    expect(await runs()).toBe(3);
  });
});

describe('RegistryAuth and a token server that redirects (local servers)', () => {
  it('a refusal by the host it redirected to is not blamed on the login, which never reached it', async () => {
    const seen: (string | undefined)[] = [];
    const cdn = await startLocalHttpServer((req, res) => {
      seen.push(req.headers.authorization);
      res.writeHead(401).end();
    });
    const tokens = await startLocalHttpServer((_req, res) =>
      res.writeHead(302, { location: `${cdn.origin}/t` }).end(),
    );
    const registry = await startLocalHttpServer((_req, res) => {
      res.writeHead(401, { 'www-authenticate': `Bearer realm="${tokens.origin}/token",service="s"` }).end();
    });
    try {
      const host = new URL(registry.origin).host;
      const client = new RegistryClient({
        http: new HttpClient(),
        credentials: { get: async () => new RegistryCredential(host, 'basic', 'ci', 'pw') },
      });
      const error = await client.listTags(parseReference(`${host}/team/app`)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RedirectTargetRefusedError);
      expect((error as Error).message).toContain(
        `redirected to ${new URL(cdn.origin).host}, which refused it`,
      );
      expect(tokens.received[0]?.headers.authorization).toMatch(/^Basic /);
      expect(seen).toEqual([undefined]);
    } finally {
      await Promise.all([cdn.close(), tokens.close(), registry.close()]);
    }
  });
});
