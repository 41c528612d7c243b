// What the user sets in the app reaches the checks: a registry login typed on the Settings page
// opens a private registry (the real docker-registry with htpasswd basic auth), and a per-image rule
// changes the suggested update — both without restarting anything.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemorySecretStore } from '../../internal/api/secret-store.js';
import { openSession, type Session } from '../../internal/api/session.js';
import { useSeededRegistry } from '../oci/seeded-registry.js';
import { registryAvailable } from '../peers/registry.js';
import { until } from './until.js';

const unavailable = registryAvailable('basic');

describe.skipIf(unavailable !== null)(`user settings take effect (skipped: ${unavailable})`, () => {
  const registry = useSeededRegistry({ auth: 'basic' });
  let dir: string;
  let session: Session;
  let reference: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cupdate-settings-'));
    reference = `${registry.peer.host}/fixtures/single-oci:1.0.0`;
    const list = join(dir, 'images.txt');
    await writeFile(list, `${reference}\n`);
    session = await openSession({
      dataDir: join(dir, 'data'),
      secrets: new MemorySecretStore(),
      place: { env: { KUBECONFIG: join(dir, 'none'), DOCKER_CONFIG: join(dir, 'docker') }, homeDir: dir },
      selection: { dockerEndpoints: [], kubeContexts: [], staticLists: [list] },
    });
  });
  afterAll(async () => {
    await session?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const image = () => session.getImage(reference);

  it('fails without a login, then succeeds once the user gives one in the settings', async () => {
    await until(() => image()?.status === 'failed', 'the anonymous check failing');
    expect(image()?.error).toMatch(/unauthorized|credentials|401/i);
    const settings = await session.changeSettings({
      kind: 'registry-credential',
      registry: registry.peer.host,
      username: registry.peer.username!,
      password: registry.peer.password!,
    });
    expect(settings.registryCredentials).toEqual([
      { registry: registry.peer.host, username: registry.peer.username },
    ]);
    expect(JSON.stringify(settings)).not.toContain(registry.peer.password!);
    await until(() => image()?.status === 'done', 'the check with the login succeeding');
    expect(image()?.result).toMatchObject({ kind: 'major', candidates: { major: '2.0.0' } });
  });

  it('applies a per-image rule from the settings over what the registry offers', async () => {
    session.setRule({ pattern: `${registry.peer.host}/fixtures/*`, stayOnCurrentMajor: true });
    await until(() => image()?.result?.kind === 'minor', 'the check under stay-on-current-major');
    expect(image()?.result?.candidates).toMatchObject({ minor: '1.1.0', major: null });
    session.deleteRule(`${registry.peer.host}/fixtures/*`);
    await until(() => image()?.result?.kind === 'major', 'the check without the rule');
  });
});
