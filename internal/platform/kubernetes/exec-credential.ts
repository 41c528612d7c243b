// Runs a kubeconfig `exec` credential plugin (Kubernetes docs, "Authenticating": client-go
// credential plugins; ExecCredential of client.authentication.k8s.io/v1 and v1beta1) ourselves,
// rather than through client-node 1.3's ExecAuth, which has no timeout, cannot be stopped, starts
// one process per request (eight informers: eight plugins) and writes the plugin's `env` into this
// process's environment. Here:
// - one run at a time per user entry: concurrent requests wait for the same run;
// - the credential is reused until its `expirationTimestamp` (without one: until the API server
//   answers 401, as client-go does);
// - a run that takes longer than the timeout, and every run when the platform stops, is killed
//   with its whole process group (a shell script's `sleep` child included);
// - the plugin never gets a terminal: `interactiveMode: Always` is refused up front.
import { spawn, type ChildProcess } from 'node:child_process';
import { messageOf } from '../../model/message-of.js';
import { durationText } from '../duration-text.js';

export interface ExecPluginConfig {
  readonly command: string;
  readonly args: readonly string[];
  readonly env: readonly { readonly name: string; readonly value: string }[];
  readonly apiVersion: string;
  readonly interactiveMode?: string;
  readonly provideClusterInfo: boolean;
  readonly installHint?: string;
}

/** What the plugin gave: a bearer token, or a client certificate and key (PEM), or both. */
export interface ExecCredential {
  readonly token?: string;
  readonly clientCertificateData?: string;
  readonly clientKeyData?: string;
  /** Epoch ms; absent: valid until the API server rejects it. */
  readonly expiresAt?: number;
}

/** `spec.cluster` of the ExecCredential handed to a plugin that set `provideClusterInfo`. */
export interface ExecClusterInfo {
  readonly server: string;
  readonly 'certificate-authority-data'?: string;
  readonly 'insecure-skip-tls-verify'?: boolean;
  readonly 'tls-server-name'?: string;
}

export interface ExecCredentialOptions {
  /** The kubeconfig user entry, for messages. */
  readonly user: string;
  readonly plugin: ExecPluginConfig;
  readonly timeoutMs: number;
  readonly cluster?: ExecClusterInfo;
  readonly now?: () => number;
}

export class ExecPluginError extends Error {
  override readonly name = 'ExecPluginError';
}

// A credential this close to its expiry is renewed first: the request it is for must still land.
const RENEW_BEFORE_MS = 10_000;
// A plugin that ignores SIGTERM gets SIGKILL this much later.
const KILL_GRACE_MS = 1_000;
// ExecCredential objects are a few kB; a plugin printing more is not speaking the protocol.
const MAX_OUTPUT_BYTES = 1 << 20;
const STDERR_IN_MESSAGES = 300;

export class ExecCredentialPlugin {
  readonly #options: ExecCredentialOptions;
  readonly #now: () => number;
  readonly #what: string;
  readonly #running = new Set<ChildProcess>();
  #cached: ExecCredential | undefined;
  #run: Promise<ExecCredential> | undefined;
  #stopped = false;

  constructor(options: ExecCredentialOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
    this.#what = `exec credential plugin "${options.plugin.command}" of user "${options.user}"`;
  }

  /** A valid credential, running the plugin when there is none; rejects with ExecPluginError. */
  credential(signal: AbortSignal): Promise<ExecCredential> {
    if (this.#stopped) return Promise.reject(new ExecPluginError(`${this.#what}: the platform was stopped`));
    const cached = this.#cached;
    if (cached !== undefined && (cached.expiresAt ?? Infinity) - RENEW_BEFORE_MS > this.#now())
      return Promise.resolve(cached);
    this.#run ??= this.#execute().finally(() => (this.#run = undefined));
    const run = this.#run;
    return new Promise((resolve, reject) => {
      const abandon = () => reject(signal.reason);
      if (signal.aborted) return abandon();
      signal.addEventListener('abort', abandon, { once: true });
      run.then(resolve, reject).finally(() => signal.removeEventListener('abort', abandon));
    });
  }

  /** The API server rejected the credential (401): the next request runs the plugin again. */
  invalidate(): void {
    this.#cached = undefined;
  }

  /** Kills every plugin still running; resolves once they have exited. Later calls reject. */
  async stop(): Promise<void> {
    this.#stopped = true;
    await Promise.all([...this.#running].map((child) => killGroup(child)));
  }

  async #execute(): Promise<ExecCredential> {
    const { plugin } = this.#options;
    if (plugin.interactiveMode === 'Always') {
      throw new ExecPluginError(
        `${this.#what} needs a terminal (interactiveMode: Always), which Cupdate cannot give it; log in once with kubectl in a terminal, or set interactiveMode: IfAvailable`,
      );
    }
    const output = await this.#spawn();
    const credential = this.#parse(output);
    this.#cached = credential;
    return credential;
  }

  #spawn(): Promise<string> {
    const { plugin, timeoutMs } = this.#options;
    const info = {
      apiVersion: plugin.apiVersion,
      kind: 'ExecCredential',
      spec: {
        interactive: false,
        ...(plugin.provideClusterInfo && this.#options.cluster !== undefined
          ? { cluster: this.#options.cluster }
          : {}),
      },
    };
    const env: NodeJS.ProcessEnv = { ...process.env, KUBERNETES_EXEC_INFO: JSON.stringify(info) };
    for (const { name, value } of plugin.env) env[name] = value;
    return new Promise((resolve, reject) => {
      let child: ChildProcess;
      try {
        child = spawn(plugin.command, [...plugin.args], {
          env,
          stdio: ['ignore', 'pipe', 'pipe'],
          // Its own process group, so a timeout or stop() kills what it started too.
          detached: process.platform !== 'win32',
          windowsHide: true,
        });
      } catch (error) {
        reject(this.#spawnError(error));
        return;
      }
      this.#running.add(child);
      const stdout: Buffer[] = [];
      let stdoutBytes = 0;
      let stderr = '';
      let failure: ExecPluginError | undefined;
      const fail = (error: ExecPluginError) => {
        failure ??= error;
        void killGroup(child);
      };
      const timer = setTimeout(
        () =>
          fail(
            new ExecPluginError(
              `${this.#what} gave no credential within ${durationText(timeoutMs)} and was stopped; run it in a terminal to see whether it waits for a login, then try again`,
            ),
          ),
        timeoutMs,
      );
      child.stdout!.on('data', (chunk: Buffer) => {
        stdoutBytes += chunk.length;
        if (stdoutBytes > MAX_OUTPUT_BYTES)
          fail(
            new ExecPluginError(`${this.#what} printed more than 1 MiB; it does not speak ExecCredential`),
          );
        else stdout.push(chunk);
      });
      child.stderr!.setEncoding('utf8');
      child.stderr!.on('data', (chunk: string) => {
        if (stderr.length < STDERR_IN_MESSAGES * 4) stderr += chunk;
      });
      child.on('error', (error) => {
        if (child.pid !== undefined) return fail(this.#spawnError(error));
        // It never started (not found, not executable): there will be no 'exit'.
        clearTimeout(timer);
        this.#running.delete(child);
        reject(this.#spawnError(error));
      });
      // 'exit', not 'close': a grandchild that escaped the group may hold the pipes open.
      child.on('exit', (code, signal) => {
        clearTimeout(timer);
        this.#running.delete(child);
        if (this.#stopped) failure ??= new ExecPluginError(`${this.#what} was stopped with the platform`);
        if (failure !== undefined) return reject(failure);
        if (code !== 0) {
          const said = stderr.trim().slice(0, STDERR_IN_MESSAGES);
          return reject(
            new ExecPluginError(
              `${this.#what} exited with ${code === null ? `signal ${signal}` : `code ${code}`}${said === '' ? '' : `: ${said}`}`,
            ),
          );
        }
        resolve(Buffer.concat(stdout).toString('utf8'));
      });
    });
  }

  #spawnError(error: unknown): ExecPluginError {
    const { plugin } = this.#options;
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return new ExecPluginError(
        `${this.#what} was not found; ${plugin.installHint?.trim() || 'install it or fix the command'}`,
        { cause: error },
      );
    }
    return new ExecPluginError(`${this.#what} could not be started: ${messageOf(error)}`, { cause: error });
  }

  /** The ExecCredential on stdout. Its text is never quoted in a message: it holds the secret. */
  #parse(output: string): ExecCredential {
    let object: unknown;
    try {
      object = JSON.parse(output);
    } catch {
      throw new ExecPluginError(`${this.#what} did not print an ExecCredential JSON object`);
    }
    const record = (object ?? {}) as Record<string, unknown>;
    if (record['kind'] !== 'ExecCredential' || record['apiVersion'] !== this.#options.plugin.apiVersion) {
      throw new ExecPluginError(
        `${this.#what} did not answer an ExecCredential of ${this.#options.plugin.apiVersion} (the apiVersion the kubeconfig asks for)`,
      );
    }
    const status = (record['status'] ?? {}) as Record<string, unknown>;
    const text = (key: string) =>
      typeof status[key] === 'string' && status[key] !== '' ? (status[key] as string) : undefined;
    const token = text('token');
    const clientCertificateData = text('clientCertificateData');
    const clientKeyData = text('clientKeyData');
    if (token === undefined && (clientCertificateData === undefined || clientKeyData === undefined)) {
      throw new ExecPluginError(
        `${this.#what} answered without status.token or status.clientCertificateData and clientKeyData`,
      );
    }
    const expiry = text('expirationTimestamp');
    const expiresAt = expiry === undefined ? undefined : Date.parse(expiry);
    if (expiresAt !== undefined && Number.isNaN(expiresAt))
      throw new ExecPluginError(`${this.#what} answered an expirationTimestamp that is not an RFC 3339 time`);
    return {
      ...(token === undefined ? {} : { token }),
      ...(clientCertificateData === undefined ? {} : { clientCertificateData }),
      ...(clientKeyData === undefined ? {} : { clientKeyData }),
      ...(expiresAt === undefined ? {} : { expiresAt }),
    };
  }
}

/** SIGTERM to the child's process group, SIGKILL a second later; resolves once the child exited. */
function killGroup(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null)
    return Promise.resolve();
  return new Promise((resolve) => {
    const send = (signal: NodeJS.Signals) => {
      try {
        if (process.platform === 'win32' || child.pid === undefined) child.kill(signal);
        else process.kill(-child.pid, signal);
      } catch {
        // Already gone.
      }
    };
    const hard = setTimeout(() => send('SIGKILL'), KILL_GRACE_MS);
    child.once('exit', () => {
      clearTimeout(hard);
      // The group may still hold children that ignored SIGTERM.
      send('SIGKILL');
      resolve();
    });
    send('SIGTERM');
  });
}
