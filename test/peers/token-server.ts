import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { spawnPeer, type ChildPeer } from './child-peer.js';
import { PeerStartError } from './errors.js';
import { runTool } from './run-tool.js';

/** What the token server process reads from its config file (see token-server-main.ts). */
export interface TokenServerConfig {
  readonly keyPath: string;
  readonly certPath: string;
  readonly service: string;
  readonly issuer: string;
  /** username → password; these users get every action they ask for. */
  readonly users: Readonly<Record<string, string>>;
  /** Repositories anonymous users may pull. */
  readonly publicRepositories: readonly string[];
  readonly expiresInSeconds: number;
}

export interface TokenStats {
  /** Tokens issued (one per /token answer, whatever the number of scopes). */
  issued: number;
  /** /token requests refused for wrong credentials. */
  rejected: number;
  /** How many tokens asked for each scope, e.g. `repository:fixtures/a:pull`. */
  byScope: Record<string, number>;
}

export interface TokenServerPeer {
  /** http://127.0.0.1:PORT */
  readonly url: string;
  /** The `realm` the registry announces: url + /token. */
  readonly realm: string;
  readonly service: string;
  readonly issuer: string;
  /** PEM certificate whose key signs the tokens: the registry's `rootcertbundle`. */
  readonly certPath: string;
  readonly pid: number;
  /** GET /stats: the same numbers any process can read over HTTP. */
  stats(): Promise<TokenStats>;
  stop(): Promise<void>;
}

export interface TokenServerOptions {
  readonly users?: Readonly<Record<string, string>>;
  readonly publicRepositories?: readonly string[];
  /** Token lifetime; short lifetimes let tests see a client renew tokens. Default 300. */
  readonly expiresInSeconds?: number;
}

const MAIN = fileURLToPath(new URL('./token-server-main.ts', import.meta.url));
const REPOSITORY_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export async function startTokenServer(options: TokenServerOptions = {}): Promise<TokenServerPeer> {
  const dir = await mkdtemp(join(tmpdir(), 'cupdate-token-server-'));
  let peer: ChildPeer | undefined;
  try {
    const config: TokenServerConfig = {
      keyPath: join(dir, 'key.pem'),
      certPath: join(dir, 'cert.pem'),
      service: 'cupdate-test-registry',
      issuer: 'cupdate-test-token-server',
      users: options.users ?? {},
      publicRepositories: options.publicRepositories ?? [],
      expiresInSeconds: options.expiresInSeconds ?? 300,
    };
    // A fresh self-signed key pair per server: nothing secret is checked in.
    // prettier-ignore
    await runTool('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', `/CN=${config.issuer}`,
      '-keyout', config.keyPath, '-out', config.certPath,
    ]);
    const configPath = join(dir, 'config.json');
    await writeFile(configPath, JSON.stringify(config), { mode: 0o600 });

    // `--import tsx` resolves from cwd: the repository root, where tsx is installed.
    peer = spawnPeer(
      'token server',
      process.execPath,
      ['--import', 'tsx', MAIN, configPath],
      REPOSITORY_ROOT,
    );
    const port = await readAnnouncedPort(peer);
    const child = peer;
    const url = `http://127.0.0.1:${port}`;
    return {
      url,
      realm: `${url}/token`,
      service: config.service,
      issuer: config.issuer,
      certPath: config.certPath,
      pid: child.pid,
      async stats() {
        const response = await fetch(`${url}/stats`);
        return (await response.json()) as TokenStats;
      },
      async stop() {
        await child.stop();
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await peer?.stop();
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

/** The first stdout line of token-server-main.ts is `{"port":N}`. */
async function readAnnouncedPort(peer: ChildPeer): Promise<number> {
  const lines = createInterface({ input: peer.stdout! });
  const timeout = setTimeout(() => void peer.stop(), 15_000);
  try {
    const [line] = (await Promise.race([once(lines, 'line'), peer.exited.then(() => [undefined])])) as [
      unknown,
    ];
    const port = typeof line === 'string' ? (JSON.parse(line) as { port?: unknown }).port : undefined;
    if (typeof port !== 'number') {
      throw new PeerStartError(
        `the token server (pid ${peer.pid}) did not announce its port: ${peer.stderrTail()}`,
      );
    }
    return port;
  } finally {
    clearTimeout(timeout);
    lines.close();
  }
}
