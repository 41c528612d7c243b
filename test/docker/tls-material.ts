// A throwaway CA with a server certificate for 127.0.0.1 and a client certificate, made with
// openssl for each test run (nothing secret is checked in). Laid out like a docker context's TLS
// directory: ca.pem, cert.pem, key.pem for the client.
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runTool } from '../peers/run-tool.js';

export interface TlsMaterial {
  readonly server: { readonly ca: string; readonly cert: string; readonly key: string };
  /** The client's files, named as DOCKER_CERT_PATH and contexts expect. */
  readonly clientDir: string;
}

const EC_KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

export async function makeTlsMaterial(dir: string): Promise<TlsMaterial> {
  const clientDir = join(dir, 'client');
  await mkdir(clientDir, { recursive: true });
  const ca = join(dir, 'ca.pem');
  const caKey = join(dir, 'ca-key.pem');
  await runTool('openssl', [
    'req',
    '-x509',
    ...EC_KEY,
    '-days',
    '1',
    '-subj',
    '/CN=cupdate-test-ca',
    '-keyout',
    caKey,
    '-out',
    ca,
  ]);
  const server = await signed(
    dir,
    'server',
    ca,
    caKey,
    'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n',
  );
  const client = await signed(dir, 'client', ca, caKey, 'extendedKeyUsage=clientAuth\n');
  await copyFile(ca, join(clientDir, 'ca.pem'));
  await copyFile(client.cert, join(clientDir, 'cert.pem'));
  await copyFile(client.key, join(clientDir, 'key.pem'));
  return { server: { ca, ...server }, clientDir };
}

async function signed(
  dir: string,
  name: string,
  ca: string,
  caKey: string,
  extensions: string,
): Promise<{ cert: string; key: string }> {
  const key = join(dir, `${name}-key.pem`);
  const csr = join(dir, `${name}.csr`);
  const cert = join(dir, `${name}-cert.pem`);
  const ext = join(dir, `${name}.ext`);
  await writeFile(ext, extensions);
  await runTool('openssl', ['req', ...EC_KEY, '-subj', `/CN=${name}`, '-keyout', key, '-out', csr]);
  await runTool('openssl', [
    'x509',
    '-req',
    '-in',
    csr,
    '-CA',
    ca,
    '-CAkey',
    caKey,
    '-CAcreateserial',
    '-days',
    '1',
    '-extfile',
    ext,
    '-out',
    cert,
  ]);
  return { cert, key };
}
