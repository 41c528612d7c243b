// `cupdate scan` as a child process (the bin, running the built core) against the real registry:
// the JSON it prints, the progress on stderr, its exit codes (internal/cli/exit-codes.ts), how it
// words a registry it cannot reach, what it does with control characters from a list, and that it
// exits on its own (no handle left open).
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScanReport } from '../../internal/cli/scan-report.js';
import { EXIT } from '../../internal/cli/exit-codes.js';
import { terminalDocument } from '../../internal/cli/terminal-text.js';
import { useSeededRegistry } from '../oci/seeded-registry.js';
import { registryAvailable } from '../peers/registry.js';
import { buildCore, cupdate, ISOLATED_ENV, run } from './cli-process.js';

const unavailable = registryAvailable('none');
/** A name under .invalid never resolves (RFC 6761 §6.4): a DNS failure without the internet. */
const UNRESOLVABLE = 'registry.cupdate-test.invalid';

beforeAll(buildCore, 120_000);

describe('cupdate CLI arguments', () => {
  it('exits 2 with what to do on a bad argument, and 0 on --help, which lists the exit codes', async () => {
    const [bad, missing, unknown, help] = await Promise.all([
      cupdate(['scan', '--kube-context', 'a', '--all-contexts']),
      cupdate(['scan', '--list', '/nonexistent/list.txt']),
      cupdate(['frobnicate']),
      cupdate(['scan', '--help']),
    ]);
    expect(bad).toMatchObject({ code: EXIT.usage, stdout: '' });
    expect(bad.stderr).toBe('cupdate: give either --kube-context NAME or --all-contexts, not both\n');
    expect(missing.code).toBe(EXIT.usage);
    expect(missing.stderr).toMatch(/^cupdate: --list \/nonexistent\/list.txt cannot be read \(ENOENT/);
    expect(unknown).toMatchObject({
      code: EXIT.usage,
      stderr: 'cupdate: unknown command "frobnicate"; run "cupdate --help"\n',
    });
    expect(help.code).toBe(EXIT.ok);
    expect(help.stdout).toContain('--insecure-registry HOST');
    expect(help.stdout).toMatch(
      /Exit codes:\n {2}0 .*\n {2}1 .*--fail-on.*\n {2}2 .*\n {2}3 .*\n(.*\n)* {2}4 .*could not decide/,
    );
  });

  it('names the Docker address it cannot use', async () => {
    const run = await cupdate(['scan', '--docker', 'gopher://x']);
    expect(run.code).toBe(EXIT.usage);
    expect(run.stderr).toMatch(
      /^cupdate: --docker gopher:\/\/x is neither a discovered Docker endpoint \(found: .*\) nor an address/,
    );
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

    const list = async (name: string, lines: readonly string[]) => {
      const path = join(dir, name);
      await writeFile(path, `${lines.join('\n')}\n`);
      return path;
    };

    it('prints every image of the list with its update as JSON, progress on stderr, and exits 3 when one could not be checked', async () => {
      const host = registry.peer.host;
      const outdated = `${host}/fixtures/single-docker:1.24`;
      const current = `${host}/fixtures/multi-docker:3.20`;
      const missing = `${host}/nope/missing:1`;
      const path = await list('images.txt', ['# test images', outdated, current, missing]);
      const run = await cupdate(['scan', '--list', path, '--data-dir', join(dir, 'data')]);
      expect(run.code).toBe(EXIT.notChecked);
      const report = JSON.parse(run.stdout) as ScanReport;
      expect(report.platforms).toEqual([{ id: `static:${path}`, type: 'static', status: { state: 'live' } }]);
      expect(report.summary).toMatchObject({ total: 3, failed: 1, upToDate: 1 });
      const images = new Map(report.images.map((image) => [image.reference, image]));
      expect(images.get(outdated)).toMatchObject({
        status: 'done',
        tags: ['bump:minor', 'outdated', `platform:static:${path}`],
        update: { kind: 'minor', latestReference: `${host}/fixtures/single-docker:1.26` },
      });
      expect(images.get(current)).toMatchObject({
        status: 'done',
        update: { kind: 'none', latestReference: null },
      });
      expect(images.get(missing)?.error).toMatch(/nope\/missing.*not found.*\(HTTP 404\)/);
      expect(run.stderr).toContain(`${outdated}\n`);
      expect(run.stderr).toContain(`${missing}: failed: `);
      expect(run.stderr).toContain('cupdate: 1 of 3 images could not be checked');
    });

    it('exits 0 when every image was checked', async () => {
      const host = registry.peer.host;
      const path = await list('good.txt', [
        `${host}/fixtures/single-docker:1.24`,
        `${host}/fixtures/multi-docker:3.20`,
      ]);
      const run = await cupdate(['scan', '--list', path, '--no-sources']);
      expect(run).toMatchObject({ code: EXIT.ok });
      expect(run.stderr).not.toContain('could not');
    });

    it('writes the update report asked for and exits 1 when --fail-on finds its update', async () => {
      const host = registry.peer.host;
      const path = await list('report-images.txt', [
        `${host}/fixtures/single-docker:1.24`,
        `${host}/fixtures/multi-docker:3.20`,
      ]);
      const csv = join(dir, 'report.csv');
      const [failing, markdown] = await Promise.all([
        cupdate(['scan', '--list', path, '--report', 'csv', '--out', csv, '--fail-on', 'minor']),
        cupdate(['scan', '--list', path, '--report', 'md', '--only-outdated', '--fail-on', 'major']),
      ]);
      expect(failing).toMatchObject({ code: EXIT.updateFound, stdout: '' });
      const rows = (await readFile(csv, 'utf8')).split('\r\n');
      const outdatedRow = rows.find((row) => row.includes('fixtures/single-docker'));
      expect(outdatedRow).toContain('1.26');
      expect(outdatedRow).toContain('minor');
      // Only a minor update exists: --fail-on major passes; --only-outdated leaves multi-docker out.
      expect(markdown.code).toBe(EXIT.ok);
      expect(markdown.stdout).toContain('single-docker');
      expect(markdown.stdout).not.toContain('multi-docker');
    });

    it('exits 4 when --fail-on could not decide: every image failed, or the list holds only a malformed line', async () => {
      const host = registry.peer.host;
      const failing = await list('all-fail.txt', [`${host}/nope/a:1`, `${host}/nope/b:1`]);
      const malformed = await list('malformed.txt', ['NOT A REFERENCE']);
      const [allFailed, onlyMalformed] = await Promise.all([
        cupdate(['scan', '--list', failing, '--fail-on', 'major', '--report', 'md']),
        cupdate(['scan', '--list', malformed, '--fail-on', 'major']),
      ]);
      expect(allFailed.code).toBe(EXIT.undecided);
      expect(allFailed.stderr).toContain('cupdate: 2 of 2 images could not be checked');
      expect(allFailed.stderr).toContain(
        'cupdate: --fail-on major could not decide: no such update among the 0 images checked',
      );
      expect(allFailed.stdout).toContain('nope/a'); // the report is still written
      expect(onlyMalformed.code).toBe(EXIT.undecided);
      expect(onlyMalformed.stderr).toContain(
        `cupdate: static:${malformed}: 1 line is not an image reference (line 1)`,
      );
      const report = JSON.parse(onlyMalformed.stdout) as ScanReport;
      expect(report.platforms[0]?.status).toEqual({
        state: 'degraded',
        reason: expect.stringContaining('(line 1)'),
        problems: [{ line: 1 }],
      });
      // Never the line itself: the file might not be a list of images (docs/security.md).
      expect(JSON.stringify(report)).not.toContain('NOT A REFERENCE');
    });

    it('names a DNS failure and its host, with the same text on stderr as in the results', async () => {
      const reference = `${UNRESOLVABLE}/team/app:1.0`;
      const path = await list('dns.txt', [reference]);
      const run = await cupdate(['scan', '--list', path, '--no-sources']);
      expect(run.code).toBe(EXIT.notChecked);
      const error = (JSON.parse(run.stdout) as ScanReport).images[0]?.error ?? '';
      expect(error).toMatch(
        new RegExp(
          `on registry ${UNRESOLVABLE}: the host name ${UNRESOLVABLE} could not be resolved \\(DNS: getaddrinfo E\\w+ ${UNRESOLVABLE}\\); check the host name`,
        ),
      );
      expect(error).not.toContain('check that the registry is running');
      expect(run.stderr).toContain(`[1] ${reference}: failed: ${error}\n`);
    });

    it('never lets control characters from a list, or from its name, reach the terminal', async () => {
      // What `printf '\033]0;owned\007\033[2J'` writes: a window title and a screen clear; then C1's CSI.
      const hostile = '\u001b]0;owned\u0007\u001b[2J';
      const name = `${hostile}x\u009b2Jy.txt`;
      const path = await list(name, [`${registry.peer.host}/fixtures/single-docker:1.24`, hostile]);
      const [json, markdown] = await Promise.all([
        cupdate(['scan', '--list', path, '--no-sources']),
        cupdate(['scan', '--list', path, '--no-sources', '--report', 'md']),
      ]);
      for (const output of [json.stdout, json.stderr, markdown.stdout, markdown.stderr]) {
        // Unchanged by escaping: no control character but line breaks and tabs.
        expect(terminalDocument(output)).toBe(output);
      }
      expect(json.stderr).toContain('/\\u001b]0;owned\\u0007\\u001b[2Jx\\u009b2Jy.txt: degraded');
      // The JSON holds the same value: the platform id is the file name as it is, escaped.
      const report = JSON.parse(json.stdout) as ScanReport;
      expect(report.platforms[0]?.id).toBe(`static:${path}`);
      expect(report.platforms[0]?.status).toMatchObject({ state: 'degraded', problems: [{ line: 2 }] });
    });

    it('prints nothing but the result on stdout through npx and npm run -s, so it pipes into jq', async () => {
      const path = await list('pipe.txt', [`${registry.peer.host}/fixtures/multi-docker:3.20`]);
      const [npx, npmRun, npmBanner] = await Promise.all([
        run('npx', ['--offline', 'cupdate', 'scan', '--list', path, '--no-sources'], ISOLATED_ENV),
        run('npm', ['run', '-s', 'scan', '--', '--list', path, '--no-sources'], ISOLATED_ENV),
        run('npm', ['run', 'scan', '--', '--list', path, '--no-sources'], ISOLATED_ENV),
      ]);
      for (const result of [npx, npmRun]) {
        expect(result.code).toBe(EXIT.ok);
        expect((JSON.parse(result.stdout) as ScanReport).summary.total).toBe(1);
      }
      // Without -s, npm prints its banner on stdout: the README never shows that form in a pipe.
      expect(npmBanner.stdout).toMatch(/^\n?> cupdate-desktop@/);
    });
  },
);
