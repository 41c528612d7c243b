// Issue 15's attack on `serve`, performed: another local user (`runuser -u nobody -- curl`) calls
// the API of a server root started. Before, selectPlatforms with a root-only file made snapshot
// quote its lines, and changeSettings took a registry login. Now every request without the access
// token is refused, and even the token's holder can watch only the lists serve was started with.
// The real command (`runServe`, as `cupdate serve` runs it), real files; the lists name images on
// 127.0.0.1:1, which refuses at once, so no registry is needed.
import { execFile } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Settings, Snapshot } from '../../internal/api/contract.js';
import { MemorySecretStore } from '../../internal/api/secret-store.js';
import { openSession } from '../../internal/api/session.js';
import { cookieName } from '../../internal/serve/access-token.js';
import { runServe } from '../../internal/serve/main.js';
import { bearer, rawRequest } from './http-peer.js';
import { until } from './until.js';

const run = promisify(execFile);
const canActAsNobody = process.getuid?.() === 0 ? null : 'the attack runs as root and switches to nobody';
const SECRET_LINE = 'root-only.example/leak:1';

interface Running {
  readonly port: number;
  readonly url: URL;
  readonly stderr: string;
  stop(): Promise<void>;
}

/** `cupdate serve --port 0 …` until stop(); resolves once it printed the URL it serves on. */
async function serve(args: readonly string[]): Promise<Running> {
  const controller = new AbortController();
  let stderr = '';
  const done = runServe(['--port', '0', '--no-sources', ...args], controller.signal, {
    stdout: () => undefined,
    stderr: (text) => (stderr += text),
  });
  let failed: unknown;
  done.catch((error: unknown) => (failed = error));
  await until(() => failed !== undefined || /serving on \S+/.test(stderr), 'serve printing its URL');
  if (failed !== undefined) throw failed;
  const url = new URL(/serving on (\S+)/.exec(stderr)?.[1] ?? '');
  return {
    port: Number(url.port),
    url,
    stderr,
    stop: async () => {
      controller.abort();
      await done;
    },
  };
}

/** curl as the unprivileged user `nobody`: another local user on the same machine. */
async function curlAsNobody(url: string, body?: string): Promise<{ status: number; body: string }> {
  const args = ['-u', 'nobody', '--', 'curl', '-s', '-o', '-', '-w', '\n%{http_code}'];
  if (body !== undefined) args.push('-X', 'POST', '-H', 'Content-Type: application/json', '-d', body);
  const { stdout } = await run('runuser', [...args, url]);
  const end = stdout.lastIndexOf('\n');
  return { status: Number(stdout.slice(end + 1)), body: stdout.slice(0, end) };
}

describe.skipIf(canActAsNobody !== null)(`serve's access token (skipped: ${canActAsNobody})`, () => {
  let dir: string;
  let list: string;
  let secret: string;
  let server: Running | undefined;
  const post = (method: string, body: unknown, headers: Record<string, string>) =>
    rawRequest(server?.port ?? 0, {
      method: 'POST',
      path: `/api/${method}`,
      headers: { 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  const tokenOf = (running: Running) => running.url.searchParams.get('token') ?? '';

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cupdate-access-'));
    list = join(dir, 'images.txt');
    await writeFile(list, '127.0.0.1:1/team/app:1.0\n');
    secret = join(dir, 'root-only.txt');
    await writeFile(secret, `${SECRET_LINE}\nTOP SECRET LINE\n`);
    await chmod(secret, 0o600);
  });
  afterEach(async () => {
    await server?.stop();
    server = undefined;
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('prints a URL that carries a fresh 256-bit token, different at every start', async () => {
    server = await serve(['--list', list]);
    const first = tokenOf(server);
    expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(server.url.pathname).toBe('/');
    await server.stop();
    server = await serve(['--list', list]);
    expect(tokenOf(server)).not.toBe(first);
  });

  it('refuses another local user: no snapshot, no platform switch to a root-only file, no credential, no events', async () => {
    server = await serve(['--list', list, '--data-dir', join(dir, 'attacked')]);
    const base = `http://127.0.0.1:${server.port}`;
    const selection = { dockerEndpoints: [], kubeContexts: [], staticLists: [secret] };
    const attempts = [
      await curlAsNobody(`${base}/api/selectPlatforms`, JSON.stringify(selection)),
      await curlAsNobody(`${base}/api/snapshot`, '{}'),
      await curlAsNobody(
        `${base}/api/changeSettings`,
        JSON.stringify({
          kind: 'registry-credential',
          registry: 'evil.example',
          username: 'u',
          password: 'p',
        }),
      ),
      await curlAsNobody(`${base}/api/events`),
      await curlAsNobody(`${base}/`),
      await curlAsNobody(`${base}/?token=guessed-${'x'.repeat(40)}`),
    ];
    expect(attempts.map((attempt) => attempt.status)).toEqual([401, 401, 401, 401, 401, 401]);
    expect(JSON.parse(attempts[0]?.body ?? '')).toEqual({
      code: 'unavailable',
      message:
        'this Cupdate server needs its access token: open the URL "cupdate serve" printed when it started (it ends in ?token=…), or send the header "Authorization: Bearer <token>"',
    });
    expect(attempts[5]?.body).toMatch(/^the token in this link is not this server's/);

    // Nothing changed: the owner (with the token) still sees its own list and no new login.
    const owner = bearer(tokenOf(server));
    const snapshot = JSON.parse((await post('snapshot', {}, owner)).body) as Snapshot;
    expect(snapshot.platforms.map((platform) => platform.id)).toEqual([`static:${list}`]);
    expect(JSON.stringify(snapshot)).not.toMatch(/TOP SECRET|leak/);
    const settings = JSON.parse((await post('getSettings', {}, owner)).body) as Settings;
    expect(settings.registryCredentials).toEqual([]);
  });

  it("lets even the token's holder watch only the lists serve was started with", async () => {
    server = await serve(['--list', list]);
    const owner = bearer(tokenOf(server));
    const answer = await post(
      'selectPlatforms',
      { dockerEndpoints: [], kubeContexts: [], staticLists: [list, secret] },
      owner,
    );
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toEqual({
      code: 'invalid-params',
      message: `selectPlatforms: staticLists[1] ${JSON.stringify(secret)} is not one of the lists this server was started with (${JSON.stringify(list)}); to watch another list, restart serve with --list FILE for each list`,
    });
    const snapshot = JSON.parse((await post('snapshot', {}, owner)).body) as Snapshot;
    expect(snapshot.platforms.map((platform) => platform.id)).toEqual([`static:${list}`]);
    expect(JSON.stringify(snapshot)).not.toMatch(/TOP SECRET|leak/);
  });

  it('does not watch a stored selection naming a list the command line did not (an attack persisted before the fix)', async () => {
    const dataDir = join(dir, 'persisted');
    // What the unauthenticated API let anyone store: the selection survives restarts.
    const before = await openSession({
      dataDir,
      secrets: new MemorySecretStore(),
      place: { env: { KUBECONFIG: join(dir, 'none') }, homeDir: dir },
      selection: { dockerEndpoints: [], kubeContexts: [], staticLists: [secret] },
    });
    await before.close();
    // What that run read is in the store already; what the file says from now on must stay unread.
    await writeFile(secret, 'written-after.example/second-leak:1\n');
    server = await serve(['--data-dir', dataDir]);
    expect(server.stderr).toContain(
      `warning: not watching ${secret}, chosen in an earlier run: serve watches only the lists given with --list (add --list ${secret} to watch it)`,
    );
    const snapshot = JSON.parse((await post('snapshot', {}, bearer(tokenOf(server)))).body) as Snapshot;
    expect(snapshot.platforms).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 200)); // a watched list would report in 50 ms
    const later = JSON.parse((await post('snapshot', {}, bearer(tokenOf(server)))).body) as Snapshot;
    expect(JSON.stringify(later)).not.toContain('second-leak');
    await writeFile(secret, `${SECRET_LINE}\nTOP SECRET LINE\n`);
  });

  it('signs a browser in with the printed link: an HttpOnly, SameSite=Strict cookie for this port, and the link without the token', async () => {
    server = await serve(['--list', list]);
    const token = tokenOf(server);
    const signIn = await rawRequest(server.port, { path: `/images?token=${token}&q=nginx` });
    expect(signIn.status).toBe(303);
    expect(signIn.headers.location).toBe('/images?q=nginx');
    expect(signIn.headers['set-cookie']).toEqual([
      `${cookieName(server.port)}=${token}; HttpOnly; SameSite=Strict; Path=/`,
    ]);
    const cookie = { Cookie: `other=1; ${cookieName(server.port)}=${token}` };
    expect((await post('summary', {}, cookie)).status).toBe(200);
    // The cookie of a server on another port (cookies ignore ports) is not this one's.
    expect((await post('summary', {}, { Cookie: `${cookieName(server.port + 1)}=${token}` })).status).toBe(
      401,
    );
    expect((await post('summary', {}, bearer(`${token}x`))).status).toBe(401);
    // The kubelet's probes carry no token.
    expect((await rawRequest(server.port, { path: '/healthz' })).status).toBe(200);
  });

  it('keeps the database it creates where other local users cannot read it (mode 0700)', async () => {
    const parent = join(dir, 'open-parent');
    await mkdir(parent, { mode: 0o755 });
    await chmod(dir, 0o755); // so that only the data directory's own mode stands in the way
    const dataDir = join(parent, 'data');
    server = await serve(['--list', list, '--data-dir', dataDir]);
    expect((await stat(dataDir)).mode & 0o777).toBe(0o700);
    await expect(run('runuser', ['-u', 'nobody', '--', 'cat', join(dataDir, 'cupdate.db')])).rejects.toThrow(
      /Permission denied/,
    );
    await chmod(dir, 0o700);
  });

  it('takes a token from --token-file and never prints it; refuses a short one, naming the file', async () => {
    const tokenFile = join(dir, 'token');
    const token = 'k'.repeat(44);
    await writeFile(tokenFile, `${token}\n`);
    server = await serve(['--list', list, '--token-file', tokenFile]);
    expect(server.stderr).not.toContain(token);
    expect(server.stderr).toContain(`?token=<the token in ${tokenFile}>`);
    expect((await post('summary', {}, bearer(token))).status).toBe(200);
    await server.stop();
    server = undefined;
    await writeFile(tokenFile, 'short\n');
    await expect(serve(['--token-file', tokenFile])).rejects.toThrow(
      `--token-file ${tokenFile}: the token has 5 characters and needs at least 32; make one with: head -c 32 /dev/urandom | base64`,
    );
  });
});
