import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnPeer, waitUntilReady, type ChildPeer } from './child-peer.js';
import { PeerStartError } from './errors.js';
import { freePort } from './free-port.js';
import { INSTALL_HINT, onPath, runTool } from './run-tool.js';
import { startTokenServer, type TokenServerPeer } from './token-server.js';

// A real OCI registry for tests: Debian's `docker-registry` (distribution 2.8.2) on a random
// 127.0.0.1 port with its own config and a temporary data directory (never the package's default
// config, which listens on every interface).

export type RegistryAuth = 'none' | 'basic' | 'token';

export interface RegistryPeer {
  /** http://127.0.0.1:PORT */
  readonly url: string;
  /** 127.0.0.1:PORT, as it appears in image references. */
  readonly host: string;
  readonly auth: RegistryAuth;
  readonly username?: string;
  readonly password?: string;
  /** Present when auth is 'token'. */
  readonly tokenServer?: TokenServerPeer;
  readonly pid: number;
  stop(): Promise<void>;
}

export interface RegistryOptions {
  readonly auth: RegistryAuth;
  /** For 'basic' and 'token'; default `tester`. */
  readonly username?: string;
  /** For 'basic' and 'token'; default: random. */
  readonly password?: string;
  /** With 'token': repositories anonymous clients may pull. */
  readonly publicRepositories?: readonly string[];
  /** With 'token': token lifetime in seconds (default 300). */
  readonly tokenExpiresInSeconds?: number;
  /**
   * Where the registry keeps its data, kept after stop() (benchmarks seed once and reuse it);
   * default: a temporary directory removed on stop().
   */
  readonly dataDir?: string;
}

const TOOLS_BY_AUTH: Record<RegistryAuth, readonly string[]> = {
  none: ['docker-registry'],
  basic: ['docker-registry', 'htpasswd'],
  token: ['docker-registry', 'openssl'],
};

/** null when the registry (and the tools `auth` needs) are installed, else why not and what to do. */
export function registryAvailable(auth: RegistryAuth = 'none'): string | null {
  const missing = TOOLS_BY_AUTH[auth].filter((tool) => !onPath(tool));
  return missing.length === 0 ? null : `${missing.join(', ')} not installed: ${INSTALL_HINT}`;
}

const START_ATTEMPTS = 4;

export async function startRegistry(options: RegistryOptions): Promise<RegistryPeer> {
  const unavailable = registryAvailable(options.auth);
  if (unavailable !== null) throw new PeerStartError(`cannot start a registry: ${unavailable}`);
  const dir = await mkdtemp(join(tmpdir(), 'cupdate-registry-'));
  let tokenServer: TokenServerPeer | undefined;
  try {
    const credentials =
      options.auth === 'none'
        ? undefined
        : {
            username: options.username ?? 'tester',
            password: options.password ?? randomBytes(12).toString('hex'),
          };
    let auth: object | undefined;
    if (options.auth === 'basic' && credentials) {
      const htpasswdPath = join(dir, 'htpasswd');
      const line = await runTool(
        'htpasswd',
        ['-Bbn', credentials.username, credentials.password],
        [credentials.password],
      );
      await writeFile(htpasswdPath, line, { mode: 0o600 });
      auth = { htpasswd: { realm: 'cupdate-test-registry', path: htpasswdPath } };
    } else if (options.auth === 'token' && credentials) {
      tokenServer = await startTokenServer({
        users: { [credentials.username]: credentials.password },
        publicRepositories: options.publicRepositories ?? [],
        expiresInSeconds: options.tokenExpiresInSeconds,
      });
      const { realm, service, issuer, certPath } = tokenServer;
      auth = { token: { realm, service, issuer, rootcertbundle: certPath } };
    }
    const { peer, port } = await spawnOnFreePort(dir, options.dataDir ?? join(dir, 'data'), auth);
    const token = tokenServer;
    return {
      url: `http://127.0.0.1:${port}`,
      host: `127.0.0.1:${port}`,
      auth: options.auth,
      ...credentials,
      ...(token ? { tokenServer: token } : {}),
      pid: peer.pid,
      async stop() {
        await peer.stop();
        await token?.stop();
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await tokenServer?.stop();
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

/**
 * distribution cannot bind port 0 and report it at our log level, so we pick a free port and retry
 * when another process takes it first. A per-start `X-Peer-Id` response header (config
 * `http.headers`) proves that the server answering on the port is this one.
 */
async function spawnOnFreePort(
  dir: string,
  dataDir: string,
  auth: object | undefined,
): Promise<{ peer: ChildPeer; port: number }> {
  let lastError: unknown;
  for (let attempt = 1; attempt <= START_ATTEMPTS; attempt += 1) {
    const port = await freePort();
    const peerId = randomBytes(8).toString('hex');
    const config = {
      version: 0.1,
      log: { level: 'warn', accesslog: { disabled: true } },
      storage: { filesystem: { rootdirectory: dataDir }, delete: { enabled: true } },
      http: { addr: `127.0.0.1:${port}`, secret: 'test-only', headers: { 'X-Peer-Id': [peerId] } },
      ...(auth ? { auth } : {}),
    };
    // JSON is YAML: no YAML writer needed, no quoting mistakes.
    const configPath = join(dir, 'config.yml');
    await writeFile(configPath, JSON.stringify(config, null, 2));
    const peer = spawnPeer('docker-registry', 'docker-registry', ['serve', configPath]);
    try {
      await waitUntilReady(peer, async () => {
        const response = await fetch(`http://127.0.0.1:${port}/v2/`);
        await response.body?.cancel();
        return response.headers.get('x-peer-id') === peerId;
      });
      return { peer, port };
    } catch (error) {
      await peer.stop();
      lastError = error;
    }
  }
  throw new PeerStartError(`docker-registry did not start after ${START_ATTEMPTS} attempts`, {
    cause: lastError,
  });
}
