// What each command loads from the built core (issue 10: start-up): `--help` nothing but the
// command line, `scan --list` neither the server nor a platform client it does not use (dockerode
// ~0.2 s; @kubernetes/client-node, ~0.7 s and ~60 MB, is loaded only for a kubeconfig's proxy-url
// or oidc auth-provider: docs/kubernetes.md), nor the update actions' YAML parser; `serve` over a
// list no platform client either. Every module the process loads is logged (module-log/), and each bundle
// file is mapped to its sources through out/core/bundle.json.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCore, CUPDATE, ISOLATED_ENV, ROOT, run } from './cli-process.js';

const REGISTER = join(import.meta.dirname, 'module-log', 'register.mjs');
const OUT = join(ROOT, 'out', 'core');

interface Loaded {
  /** npm packages, by name. */
  readonly packages: Set<string>;
  /** Every file loaded from node_modules, as `package/path/in/it.js`. */
  readonly packageFiles: Set<string>;
  /** Repository sources in the bundle files that were loaded. */
  readonly sources: Set<string>;
}

async function loadedBy(log: string): Promise<Loaded> {
  const manifest = JSON.parse(await readFile(join(OUT, 'bundle.json'), 'utf8')) as {
    outputs: Record<string, string[]>;
  };
  const urls = (await readFile(log, 'utf8')).split('\n').filter((line) => line !== '');
  const packages = new Set<string>();
  const packageFiles = new Set<string>();
  const sources = new Set<string>();
  for (const url of urls) {
    const inPackage = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\/(.*)$/.exec(url);
    if (inPackage?.[1] !== undefined) {
      packages.add(inPackage[1]);
      packageFiles.add(`${inPackage[1]}/${inPackage[2]}`);
    }
    const file = url.startsWith(`file://${OUT}/`) ? url.slice(`file://${OUT}/`.length) : undefined;
    for (const source of (file === undefined ? undefined : manifest.outputs[file]) ?? []) sources.add(source);
  }
  return { packages, packageFiles, sources };
}

describe('what a command of the built core loads', () => {
  let dir: string;
  let list: string;
  let kubeconfig: string;
  beforeAll(async () => {
    await buildCore();
    dir = await mkdtemp(join(tmpdir(), 'cupdate-lazy-'));
    list = join(dir, 'images.txt');
    // 127.0.0.1:1 refuses at once: the check fails fast and offline.
    await writeFile(list, '127.0.0.1:1/team/app:1.0\n');
    kubeconfig = join(dir, 'kubeconfig');
    await writeFile(
      kubeconfig,
      JSON.stringify({
        clusters: [
          { name: 'c', cluster: { server: 'http://127.0.0.1:1', 'insecure-skip-tls-verify': true } },
        ],
        users: [{ name: 'u', user: { token: 't' } }],
        contexts: [{ name: 'lab', context: { cluster: 'c', user: 'u' } }],
        'current-context': 'lab',
      }),
    );
  }, 120_000);
  afterAll(() => rm(dir, { recursive: true, force: true }));

  async function scanLoads(name: string, args: readonly string[], env: NodeJS.ProcessEnv = ISOLATED_ENV) {
    const log = join(dir, `${name}.log`);
    const result = await run(process.execPath, ['--import', REGISTER, CUPDATE, ...args], {
      ...env,
      CUPDATE_MODULE_LOG: log,
    });
    return { result, loaded: await loadedBy(log) };
  }

  it('--help loads the command line and no package', async () => {
    const { result, loaded } = await scanLoads('help', ['--help']);
    expect(result.code).toBe(0);
    expect([...loaded.packages]).toEqual([]);
    expect([...loaded.sources].sort()).toEqual(
      [
        'internal/cli.ts',
        'internal/cli/exit-codes.ts',
        'internal/cli/terminal-text.ts',
        'internal/cli/usage-error.ts',
        'internal/model/message-of.ts',
      ].sort(),
    );
  });

  it('scan --list loads the store and the HTTP client, no server, no Docker or Kubernetes client', async () => {
    const { result, loaded } = await scanLoads('scan-list', ['scan', '--list', list, '--no-sources']);
    expect(result.code).toBe(3); // the image could not be checked
    expect(loaded.packages).toContain('better-sqlite3');
    expect(loaded.packages).toContain('undici');
    // Its Agent, not its index, which loads all undici offers (internal/http/undici-agent.ts).
    expect(loaded.packageFiles).toContain('undici/lib/dispatcher/agent.js');
    expect(loaded.packageFiles).not.toContain('undici/index.js');
    expect(loaded.packages).not.toContain('@kubernetes/client-node');
    expect(loaded.packages).not.toContain('dockerode');
    expect(loaded.packages).not.toContain('js-yaml');
    expect(loaded.packages).not.toContain('yaml');
    expect(loaded.sources).toContain('internal/platform/static/static-platform.ts');
    const unwanted = [...loaded.sources].filter((source) =>
      /^internal\/(serve\/|api\/session|platform\/(docker|kubernetes)\/(docker|kubernetes)-platform)/.test(
        source,
      ),
    );
    expect(unwanted).toEqual([]);
  });

  it('loads the Kubernetes platform once a kubeconfig exists and a context is asked for, not client-node', async () => {
    const { result, loaded } = await scanLoads(
      'scan-kube',
      ['scan', '--kube-context', 'lab', '--no-sources'],
      {
        ...ISOLATED_ENV,
        KUBECONFIG: kubeconfig,
      },
    );
    expect(result.stderr).toContain('kubernetes:lab');
    // The kubeconfig parser, not the client library: requests are made by kube-connection.ts.
    expect(loaded.packages).toContain('js-yaml');
    expect(loaded.packages).not.toContain('@kubernetes/client-node');
    expect(loaded.sources).toContain('internal/platform/kubernetes/kubernetes-platform.ts');
    expect(loaded.packages).not.toContain('dockerode');
  });

  it('serve over a list loads the server but no platform client, and stops on SIGTERM', async () => {
    const log = join(dir, 'serve.log');
    const child = spawn(
      process.execPath,
      ['--import', REGISTER, CUPDATE, 'serve', '--port', '0', '--list', list, '--no-sources'],
      {
        env: { ...ISOLATED_ENV, CUPDATE_MODULE_LOG: log },
        cwd: ROOT,
      },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      const wasServing = stderr.includes('serving on');
      stderr += chunk.toString();
      // Once: a second signal would end the process before it has stopped cleanly.
      if (!wasServing && stderr.includes('serving on')) child.kill('SIGTERM');
    });
    const code = await new Promise<number | null>((done) => child.on('exit', done));
    expect(stderr).toContain('cupdate: SIGTERM received, stopping\ncupdate: stopped\n');
    expect(code).toBe(0);
    const loaded = await loadedBy(log);
    expect(loaded.sources).toContain('internal/serve/server.ts');
    expect(loaded.packages).not.toContain('@kubernetes/client-node');
    expect(loaded.packages).not.toContain('dockerode');
  });
});
