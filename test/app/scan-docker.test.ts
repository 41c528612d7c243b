// `cupdate scan --docker unix://…` end to end: a real dockerd runs a compose-labelled container from
// the real registry; the scan finds it, checks it and tags it with its platform and project, and its
// HTML update report draws in Chromium (screenshot in .artifacts/screenshots/report-from-scan.png).
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Dockerode from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScanReport } from '../../internal/cli/scan-report.js';
import { composeLabels, pull, removeAll, run } from '../docker/engine-helpers.js';
import { chromiumAvailable, openBrowser } from '../e2e/browser.js';
import { dockerdAvailable, startDockerd, type DockerdPeer } from '../peers/dockerd.js';
import { busyboxAvailable, hostPlatform, pushImage } from '../peers/images.js';
import { registryAvailable, startRegistry, type RegistryPeer } from '../peers/registry.js';

const unavailable = dockerdAvailable() ?? registryAvailable('none') ?? busyboxAvailable();
const CLI = join(import.meta.dirname, '../../internal/cli.ts');
const SCREENSHOT = join(import.meta.dirname, '../../.artifacts/screenshots/report-from-scan.png');

function scan(args: readonly string[]): Promise<string> {
  return new Promise<string>((resolve, reject) =>
    execFile(
      process.execPath,
      ['--import', 'tsx', CLI, 'scan', '--no-sources', ...args],
      { timeout: 60_000 },
      (error, out) => (error === null ? resolve(out) : reject(error)),
    ),
  );
}

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
    const report = JSON.parse(await scan(['--docker', endpoint])) as ScanReport;
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

  it.skipIf(chromiumAvailable() !== null)(
    `writes an HTML update report of what runs, which draws in Chromium with nothing loaded from outside (skipped without Chromium: ${chromiumAvailable()})`,
    async () => {
      const dir = await mkdtemp(join(tmpdir(), 'cupdate-scan-report-'));
      const browser = await openBrowser();
      try {
        const out = join(dir, 'report.html');
        await scan(['--docker', `unix://${dockerd.socketPath}`, '--report', 'html', '--out', out]);
        const requests: string[] = [];
        browser.page.on('request', (request) => {
          if (!request.url().startsWith('file:')) requests.push(request.url());
        });
        await browser.page.goto(pathToFileURL(out).href);
        const text = await browser.page.textContent('body');
        expect(text).toContain(`${registry.host}/team/app:1.0`);
        expect(text).toContain('shop'); // the compose project it runs in
        expect(text).toMatch(/minor/);
        expect(requests).toEqual([]);
        expect(browser.problems).toEqual([]);
        await mkdir(join(SCREENSHOT, '..'), { recursive: true });
        await browser.page.screenshot({ path: SCREENSHOT, fullPage: true });
      } finally {
        await browser.close();
        await rm(dir, { recursive: true, force: true });
      }
    },
  );
});
