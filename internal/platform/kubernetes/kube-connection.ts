// How to reach one kube context's API server: its URL, TLS material and credentials, turned into
// the options of each request. The common cases (certificate authority, client certificates,
// token, token-file, basic auth, impersonation, exec credential plugins) are handled here, without
// loading client-node: importing it costs ~70 MB of memory (its generated API client), more than a
// watched cluster of 20,000 pods. Only the rare `proxy-url` and legacy `auth-provider: oidc` are
// delegated to client-node's KubeConfig, loaded on first use; exec plugins are always run by
// exec-credential.ts (with a timeout and a kill on stop), never by client-node.
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import { messageOf } from '../../model/message-of.js';
import { ExecCredentialPlugin } from './exec-credential.js';
import type { ExecClusterInfo } from './exec-credential.js';
import { resolveContext } from './kubeconfig.js';
import type { ClusterEntry, MergedKubeconfig, UserEntry } from './kubeconfig.js';
import { checkPem, readTlsMaterial } from './kube-tls.js';
import type { TlsMaterial } from './kube-tls.js';

export interface KubeConnection {
  /** The API server's URL, without a trailing slash. */
  readonly server: string;
  /** TLS, agent and auth headers for one request; may read a token file or run the exec plugin. */
  requestOptions(signal: AbortSignal): Promise<https.RequestOptions>;
  /** The API server answered 401: credentials from a plugin are fetched again next time. */
  credentialsRejected(): void;
  /** Destroys every socket and kills running credential plugins; resolves when they are gone. */
  close(): Promise<void>;
}

export interface KubeConnectionOptions {
  /** How long an exec credential plugin may run before it is killed (default 30 s). */
  readonly execTimeoutMs?: number;
}

export const DEFAULT_EXEC_TIMEOUT_MS = 30_000;

/** Throws KubeconfigError (the context cannot be used) or KubeconfigFieldError (bad TLS material). */
export function connectContext(
  config: MergedKubeconfig,
  contextName: string,
  options: KubeConnectionOptions = {},
): KubeConnection {
  const { cluster, user } = resolveContext(config, contextName);
  const tls = readTlsMaterial(cluster, user);
  const plugin =
    user?.exec === undefined
      ? undefined
      : new ExecCredentialPlugin({
          user: user.name,
          plugin: user.exec,
          timeoutMs: options.execTimeoutMs ?? DEFAULT_EXEC_TIMEOUT_MS,
          cluster: clusterInfo(cluster, tls),
        });
  const transport =
    cluster.proxyUrl !== undefined || user?.authProvider !== undefined
      ? clientNodeTransport(cluster, user)
      : ownTransport(cluster, tls);
  return {
    server: cluster.server,
    async requestOptions(signal) {
      const options = await transport.options();
      const headers: Record<string, string> = { ...(options.headers as Record<string, string>) };
      if (plugin !== undefined) {
        const credential = await plugin.credential(signal);
        if (credential.token !== undefined) headers['authorization'] = `Bearer ${credential.token}`;
        if (credential.clientCertificateData !== undefined && credential.clientKeyData !== undefined) {
          options.cert = pluginPem(credential.clientCertificateData, 'certificate', user!);
          options.key = pluginPem(credential.clientKeyData, 'key', user!);
        }
      }
      // As client-node and kubectl: a token in the user entry wins over one from a plugin.
      const token = user?.token ?? (user?.tokenFile === undefined ? undefined : await readToken(user));
      if (token !== undefined) headers['authorization'] = `Bearer ${token}`;
      else if (user?.username !== undefined) options.auth = `${user.username}:${user.password ?? ''}`;
      const impersonate = user?.impersonate;
      if (impersonate?.user !== undefined) headers['impersonate-user'] = impersonate.user;
      if (impersonate?.uid !== undefined) headers['impersonate-uid'] = impersonate.uid;
      // One header per group is how client-go sends them; Node joins an array into repeated headers.
      const groups = impersonate?.groups ?? [];
      return {
        ...options,
        headers: groups.length === 0 ? headers : { ...headers, 'impersonate-group': groups as string[] },
      };
    },
    credentialsRejected: () => plugin?.invalidate(),
    async close() {
      transport.close();
      await plugin?.stop();
    },
  };
}

interface Transport {
  /** A fresh options object per request (the caller adds to it). */
  options(): Promise<https.RequestOptions>;
  close(): void;
}

function ownTransport(cluster: ClusterEntry, tls: TlsMaterial): Transport {
  // One agent per context, so close() destroys every socket it opened. No keep-alive: a request
  // never inherits a socket a stalled peer froze (see the watch stall detection in kube-http.ts).
  const agent = cluster.server.startsWith('http:') ? new http.Agent() : new https.Agent();
  return {
    options: async () => ({
      agent,
      ...(tls.ca === undefined ? {} : { ca: tls.ca }),
      ...(tls.cert === undefined ? {} : { cert: tls.cert, key: tls.key }),
      rejectUnauthorized: !cluster.skipTLSVerify,
      ...(cluster.tlsServerName === undefined ? {} : { servername: cluster.tlsServerName }),
      headers: {},
    }),
    close: () => agent.destroy(),
  };
}

/** client-node's KubeConfig for a proxy-url or a legacy auth-provider; loaded only then. */
function clientNodeTransport(cluster: ClusterEntry, user: UserEntry | undefined): Transport {
  const loading = import('@kubernetes/client-node').then(({ KubeConfig }) => {
    const config = new KubeConfig();
    config.loadFromOptions({
      clusters: [
        {
          name: cluster.name,
          server: cluster.server,
          caData: cluster.caData,
          caFile: cluster.caFile,
          skipTLSVerify: cluster.skipTLSVerify,
          tlsServerName: cluster.tlsServerName,
          proxyUrl: cluster.proxyUrl,
        },
      ],
      // Credentials other than the auth-provider are added by connectContext: never the exec block.
      users: [
        {
          name: user?.name ?? 'none',
          certData: user?.certData,
          certFile: user?.certFile,
          keyData: user?.keyData,
          keyFile: user?.keyFile,
          // A copy: client-node writes into the config it is given (oidc's `client-secret`).
          authProvider:
            user?.authProvider === undefined
              ? undefined
              : { name: user.authProvider.name, config: { ...user.authProvider.config } },
        },
      ],
      contexts: [{ name: 'context', cluster: cluster.name, user: user?.name ?? 'none' }],
      currentContext: 'context',
    });
    return config;
  });
  return {
    async options() {
      const config = await loading;
      const options: https.RequestOptions = {};
      try {
        await config.applyToHTTPSOptions(options);
      } catch (error) {
        throw new Error(`the auth-provider of user "${user?.name}" failed: ${messageOf(error)}`, {
          cause: error,
        });
      }
      return options;
    },
    // client-node makes an agent per request; aborting the request closes its socket.
    close: () => {},
  };
}

async function readToken(user: UserEntry): Promise<string> {
  try {
    // Read on every request, as client-go re-reads it: projected service account tokens rotate.
    return (await readFile(user.tokenFile!, 'utf8')).trim();
  } catch (error) {
    throw new Error(
      `cannot read token-file of user "${user.name}" at ${user.tokenFile}: ${messageOf(error)}`,
      {
        cause: error,
      },
    );
  }
}

function pluginPem(pem: string, kind: 'certificate' | 'key', user: UserEntry): Buffer {
  const buffer = Buffer.from(pem, 'utf8');
  try {
    checkPem(buffer, kind);
  } catch (error) {
    throw new Error(
      `exec credential plugin "${user.exec?.command}" of user "${user.name}" answered a ${kind === 'key' ? 'clientKeyData' : 'clientCertificateData'} that is not a PEM ${kind}: ${messageOf(error)}`,
      { cause: error },
    );
  }
  return buffer;
}

function clusterInfo(cluster: ClusterEntry, tls: TlsMaterial): ExecClusterInfo {
  return {
    server: cluster.server,
    ...(tls.ca === undefined ? {} : { 'certificate-authority-data': tls.ca.toString('base64') }),
    ...(cluster.skipTLSVerify ? { 'insecure-skip-tls-verify': true } : {}),
    ...(cluster.tlsServerName === undefined ? {} : { 'tls-server-name': cluster.tlsServerName }),
  };
}
