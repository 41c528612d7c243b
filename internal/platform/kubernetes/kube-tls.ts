// The TLS material of a context: the cluster's certificate authority and the user's client
// certificate and key, from files or from the `*-data` fields (base64 of PEM). Each is checked when
// read, so a garbage `certificate-authority-data` is reported as that field of that cluster in that
// file, instead of surfacing later as the handshake's misleading "self-signed certificate".
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { messageOf } from '../../model/message-of.js';
import type { ClusterEntry, UserEntry } from './kubeconfig.js';

export interface TlsMaterial {
  readonly ca?: Buffer;
  readonly cert?: Buffer;
  readonly key?: Buffer;
}

/** A field of a kubeconfig entry that does not hold what it must. */
export class KubeconfigFieldError extends Error {
  override readonly name = 'KubeconfigFieldError';
}

type Kind = 'certificate' | 'key';

/** Reads and checks every TLS file and `*-data` field; throws KubeconfigFieldError. */
export function readTlsMaterial(cluster: ClusterEntry, user: UserEntry | undefined): TlsMaterial {
  const ca = material(
    `cluster "${cluster.name}"`,
    cluster.source,
    'certificate-authority',
    cluster.caFile,
    cluster.caData,
    'certificate',
  );
  const cert =
    user === undefined
      ? undefined
      : material(
          `user "${user.name}"`,
          user.source,
          'client-certificate',
          user.certFile,
          user.certData,
          'certificate',
        );
  const key =
    user === undefined
      ? undefined
      : material(`user "${user.name}"`, user.source, 'client-key', user.keyFile, user.keyData, 'key');
  if ((cert === undefined) !== (key === undefined)) {
    throw new KubeconfigFieldError(
      `user "${user!.name}" (in ${user!.source}) has a client ${cert === undefined ? 'key' : 'certificate'} without a client ${cert === undefined ? 'certificate' : 'key'}; give both`,
    );
  }
  return {
    ...(ca === undefined ? {} : { ca }),
    ...(cert === undefined ? {} : { cert }),
    ...(key === undefined ? {} : { key }),
  };
}

/** Checks a PEM certificate (or chain) or private key handed over at run time, e.g. by an exec plugin. */
export function checkPem(pem: Buffer, kind: Kind): void {
  const text = pem.toString('utf8');
  if (kind === 'key') {
    createPrivateKey(text);
    return;
  }
  const blocks = text.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [];
  if (blocks.length === 0) throw new Error('no "-----BEGIN CERTIFICATE-----" block');
  for (const block of blocks) new X509Certificate(block);
}

function material(
  owner: string,
  source: string,
  field: string,
  file: string | undefined,
  data: string | undefined,
  kind: Kind,
): Buffer | undefined {
  // As client-go: a file wins over inline data.
  if (file !== undefined) {
    let pem: Buffer;
    try {
      pem = readFileSync(file);
    } catch {
      throw new KubeconfigFieldError(
        `cannot read ${field} of ${owner} at ${file}; fix the path or the file's permissions`,
      );
    }
    check(pem, kind, `${field} of ${owner} (${file})`, 'give a PEM file');
    return pem;
  }
  if (data === undefined) return undefined;
  const what = `${field}-data of ${owner} (in ${source})`;
  if (data.includes('-----BEGIN')) {
    throw new KubeconfigFieldError(
      `${what} holds PEM text, not base64; base64-encode it (base64 -w0 FILE) or put the file's path in ${field}`,
    );
  }
  if (!/^[A-Za-z0-9+/=\s]+$/.test(data)) {
    throw new KubeconfigFieldError(
      `${what} is not base64; paste the output of "base64 -w0 FILE" or put the file's path in ${field}`,
    );
  }
  const pem = Buffer.from(data, 'base64');
  check(pem, kind, what, `paste the output of "base64 -w0 FILE" or put the file's path in ${field}`);
  return pem;
}

function check(pem: Buffer, kind: Kind, what: string, hint: string): void {
  try {
    checkPem(pem, kind);
  } catch (error) {
    throw new KubeconfigFieldError(
      `${what} is not a PEM ${kind === 'key' ? 'private key' : 'certificate'} (${messageOf(error)}); ${hint}`,
      { cause: error },
    );
  }
}
