// `cupdate scan --docker unix://…` end to end: a real dockerd runs a compose-labelled container from
// the real registry; the scan finds it, checks it and tags it with its platform and project.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import Dockerode from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScanReport } from '../../internal/cli/scan-report.js';
import { composeLabels, pull, removeAll, run } from '../docker/engine-helpers.js';
import { dockerdAvailable, startDockerd, type DockerdPeer } from '../peers/dockerd.js';
import { busyboxAvailable, hostPlatform, pushImage } from '../peers/images.js';
import { registryAvailable, startRegistry, type RegistryPeer } from '../peers/registry.js';

const unavailable = dockerdAvailable() ?? registryAvailable('none') ?? busyboxAvailable();
const CLI = join(import.meta.dirname, '../../internal/cli.ts');

describe.skipIf(unavailable !== null)(`cupdate scan on a real dockerd (skipped: ${unavailable})`, () => {
  let registry: RegistryPeer;
  let dockerd: DockerdPeer;
  let docker: Dockerode;
  beforeAll(async () => {
    registry = await startRegistry({ auth: 'none' });
    const spec = { format: 'oci', platforms: [hostPlatform()], runnable: true } as const;
    await pushImage(registry, 'team/app', ['1.0'], { ...spec, salt: '1.0' });
    await pushImage(registry, 'team/app', ['1.1'], { ...spec, salt: '1.1' });
    dockerd = await startDockerd();
    docker = new Dockerode({ socketPath: dockerd.socketPath });
    await pull(docker, `${registry.host}/team/app:1.0`);
    await run(docker, {
      name: 'web',
      image: `${registry.host}/team/app:1.0`,
      labels: composeLabels('shop', 'web'),
    });
  });
  afterAll(async () => {
    if (docker !== undefined) await removeAll(docker);
    await dockerd?.stop();
    await registry?.stop();
  });

  it('reports the running image with its update, platform and compose project', async () => {
    const endpoint = `unix://${dockerd.socketPath}`;
    const stdout = await new Promise<string>((resolve, reject) =>
      execFile(
        process.execPath,
        ['--import', 'tsx', CLI, 'scan', '--docker', endpoint],
        { timeout: 60_000 },
        (error, out) => (error === null ? resolve(out) : reject(error)),
      ),
    );
    const report = JSON.parse(stdout) as ScanReport;
    expect(report.platforms).toEqual([
      { id: `docker:${endpoint}`, type: 'docker', status: { state: 'live' } },
    ]);
    expect(report.images).toHaveLength(1);
    const [image] = report.images;
    expect(image?.reference).toMatch(new RegExp(`^${registry.host}/team/app:1\\.0@sha256:[0-9a-f]{64}$`));
    expect(image).toMatchObject({
      status: 'done',
      tags: ['bump:minor', 'outdated', `platform:docker:${endpoint}`, 'project:shop'],
      update: { kind: 'minor', latestReference: `${registry.host}/team/app:1.1` },
    });
  });
});
