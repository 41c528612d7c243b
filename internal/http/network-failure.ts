// What a failed connection was, in words a person can act on: the host name did not resolve
// (DNS), nothing listens there (refused), TLS failed, no answer in time, or the connection broke.
// Every HTTP network error and every "registry unreachable" error is worded here, so the CLI, the
// UI and the report say the same thing (issue 14: a DNS failure read "connection failed; check
// that the registry is running"). Codes are Node's (libuv and getaddrinfo errno names, OpenSSL
// verify errors: https://nodejs.org/api/errors.html#common-system-errors,
// https://nodejs.org/api/tls.html#x509-certificate-error-codes) and undici's (UND_ERR_*).

export type NetworkFailureKind = 'dns' | 'refused' | 'unreachable' | 'tls' | 'timeout' | 'reset' | 'other';

export interface NetworkFailure {
  readonly kind: NetworkFailureKind;
  /** What happened, naming the host: `the host name registry.lan could not be resolved (DNS: …)`. */
  readonly problem: string;
  /** What to do about it. */
  readonly advice: string;
}

const DNS = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME', 'EAI_NODATA']);
const REFUSED = new Set(['ECONNREFUSED']);
const UNREACHABLE = new Set(['EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'ENETDOWN', 'EADDRNOTAVAIL']);
const TIMEOUT = new Set([
  'ETIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);
const RESET = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);
// OpenSSL's certificate verification codes and Node's own TLS ones.
const TLS =
  /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT$|SELF_SIGNED_CERT_IN_CHAIN$|HOSTNAME_MISMATCH$|EPROTO$)/;

/** The error's code, looking through `cause` (fetch and some undici paths wrap the system error). */
function codeOf(error: unknown): string | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code !== 'UND_ERR') return code;
    current = current.cause;
  }
  return undefined;
}

function detail(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = codeOf(error);
  // OpenSSL messages carry source paths and line numbers: the first line is the part that says anything.
  const message = error.message.split('\n')[0]!.trim();
  return code === undefined || message.includes(code) ? message : `${message} (${code})`;
}

/** `url`'s host and port as the connection used them (the port is implied by the scheme when absent). */
function endpoint(url: URL): string {
  const port = url.port !== '' ? url.port : url.protocol === 'https:' ? '443' : '80';
  return `${url.hostname}:${port}`;
}

export function describeNetworkFailure(error: unknown, url: URL): NetworkFailure {
  const code = codeOf(error) ?? '';
  const why = detail(error);
  if (DNS.has(code)) {
    return {
      kind: 'dns',
      problem: `the host name ${url.hostname} could not be resolved (DNS: ${why})`,
      advice: 'check the host name, and that this machine can resolve names (DNS, VPN, network)',
    };
  }
  if (REFUSED.has(code)) {
    return {
      kind: 'refused',
      problem: `${endpoint(url)} refused the connection (${why})`,
      advice: 'nothing listens there: check that the server is running and the port is right',
    };
  }
  if (UNREACHABLE.has(code)) {
    return {
      kind: 'unreachable',
      problem: `${endpoint(url)} cannot be reached from this machine (${why})`,
      advice: 'check the network route to it (VPN, firewall, proxy)',
    };
  }
  if (TIMEOUT.has(code)) {
    return {
      kind: 'timeout',
      problem: `${endpoint(url)} did not answer in time (${why})`,
      advice: 'check that the server is up and not overloaded, and any firewall or proxy in between',
    };
  }
  if (TLS.test(code)) {
    return {
      kind: 'tls',
      problem: `the TLS connection to ${endpoint(url)} failed (${why})`,
      advice:
        url.protocol === 'https:' && code === 'ERR_SSL_WRONG_VERSION_NUMBER'
          ? 'it does not speak TLS on that port: if it serves plain http, mark it as an insecure registry'
          : 'check its certificate (expired, self-signed, issued for another name) and the CA certificates of this machine',
    };
  }
  if (RESET.has(code)) {
    return {
      kind: 'reset',
      problem: `the connection to ${endpoint(url)} was closed before the answer was complete (${why})`,
      advice: 'retry; if it persists, check the server and any proxy in between',
    };
  }
  return {
    kind: 'other',
    problem: `the connection to ${endpoint(url)} failed (${why})`,
    advice: 'check that the server is running and reachable (network, DNS, TLS, proxy)',
  };
}
