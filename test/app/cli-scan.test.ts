// `tsx internal/cli.ts scan` as a child process against the real registry: the JSON it prints, the
// progress on stderr, its exit codes, and that it exits on its own (no handle left open).
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScanReport } from '../../internal/cli/scan-report.js';
import { useSeededRegistry } from '../oci/seeded-registry.js';
import { registryAvailable } from '../peers/registry.js';

const unavailable = registryAvailable('none');
const CLI = join(import.meta.dirname, '../../internal/cli.ts');

interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function cli(args: readonly string[]): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', CLI, ...args],
      { timeout: 60_000, env: { ...process.env, KUBECONFIG: '/nonexistent', DOCKER_HOST: '' } },
      (error, stdout, stderr) =>
        resolve({ code: error === null ? 0 : Number(error.code ?? -1), stdout, stderr }),
    );
  });
}

describe('cupdate CLI arguments', () => {
  it('exits 2 with what to do on a bad argument, and 0 on --help', async () => {
    // Four processes at once: each pays tsx's start-up.
    const [bad, missing, unknown, help] = await Promise.all([
      cli(['scan', '--kube-context', 'a', '--all-contexts']),
      cli(['scan', '--list', '/nonexistent/list.txt']),
      cli(['frobnicate']),
      cli(['scan', '--help']),
    ]);
    expect(bad).toMatchObject({ code: 2, stdout: '' });
    expect(bad.stderr).toBe('cupdate: give either --kube-context NAME or --all-contexts, not both\n');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^cupdate: --list \/nonexistent\/list.txt cannot be read \(ENOENT/);
    expect(unknown).toMatchObject({
      code: 2,
      stderr: 'cupdate: unknown command "frobnicate"; run "cupdate --help"\n',
    });
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--insecure-registry HOST');
  });
});

describe.skipIf(unavailable !== null)(
  `cupdate scan against a real registry (skipped: ${unavailable})`,
  () => {
    const registry = useSeededRegistry({ auth: 'none' });
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'cupdate-cli-'));
    });
    afterAll(() => rm(dir, { recursive: true, force: true }));

    it('prints every image of the list with its update as JSON, progress on stderr, and exits 0', async () => {
      const host = registry.peer.host;
      const list = join(dir, 'images.txt');
      const outdated = `${host}/fixtures/single-docker:1.24`;
      const current = `${host}/fixtures/multi-docker:3.20`;
      const missing = `${host}/nope/missing:1`;
      await writeFile(list, `# test images\n${outdated}\n${current}\n${missing}\n`);
      const run = await cli(['scan', '--list', list, '--data-dir', join(dir, 'data')]);
      expect(run.code).toBe(0);
      const report = JSON.parse(run.stdout) as ScanReport;
      expect(report.platforms).toEqual([{ id: `static:${list}`, type: 'static', status: { state: 'live' } }]);
      expect(report.summary).toMatchObject({ total: 3, failed: 1, upToDate: 1 });
      const images = new Map(report.images.map((image) => [image.reference, image]));
      expect(images.get(outdated)).toMatchObject({
        status: 'done',
        tags: ['bump:minor', 'outdated', `platform:static:${list}`],
        update: { kind: 'minor', latestReference: `${host}/fixtures/single-docker:1.26` },
      });
      expect(images.get(current)).toMatchObject({
        status: 'done',
        update: { kind: 'none', latestReference: null },
      });
      expect(images.get(missing)?.error).toMatch(/nope\/missing.*not found.*\(HTTP 404\)/);
      expect(run.stderr).toContain(`${outdated}\n`);
      expect(run.stderr).toContain(`${missing}: failed: `);
    });

    it('writes the update report asked for and exits 1 when --fail-on finds its update', async () => {
      const host = registry.peer.host;
      const list = join(dir, 'report-images.txt');
      await writeFile(list, `${host}/fixtures/single-docker:1.24\n${host}/fixtures/multi-docker:3.20\n`);
      const csv = join(dir, 'report.csv');
      const [failing, markdown] = await Promise.all([
        cli(['scan', '--list', list, '--report', 'csv', '--out', csv, '--fail-on', 'minor']),
        cli(['scan', '--list', list, '--report', 'md', '--only-outdated', '--fail-on', 'major']),
      ]);
      expect(failing).toMatchObject({ code: 1, stdout: '' });
      const rows = (await readFile(csv, 'utf8')).split('\r\n');
      const outdatedRow = rows.find((row) => row.includes('fixtures/single-docker'));
      expect(outdatedRow).toContain('1.26');
      expect(outdatedRow).toContain('minor');
      // Only a minor update exists: --fail-on major passes; --only-outdated leaves multi-docker out.
      expect(markdown.code).toBe(0);
      expect(markdown.stdout).toContain('single-docker');
      expect(markdown.stdout).not.toContain('multi-docker');
    });

    it('refuses a bad report flag with what to do (exit 2)', async () => {
      const run = await cli(['scan', '--list', join(dir, 'none.txt'), '--report', 'pdf']);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/--report/);
    });
  },
);
