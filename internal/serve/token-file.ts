// `--token-file FILE`: a token that outlives restarts, e.g. from a Kubernetes Secret mounted as a
// file (deploy/deployment.yaml). It is read once at start and never printed.
import { readFile } from 'node:fs/promises';
import { CliUsageError } from '../cli/usage-error.js';
import { messageOf } from '../model/message-of.js';
import { MIN_TOKEN_LENGTH } from './access-token.js';

/** RFC 6265 cookie-octets that also survive a URL unescaped: base64, base64url, hex. */
const TOKEN_CHARACTERS = /^[A-Za-z0-9+/=._~-]+$/;

const HOW_TO_MAKE = 'make one with: head -c 32 /dev/urandom | base64';

export async function readTokenFile(path: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new CliUsageError(`--token-file ${path}: cannot be read (${messageOf(error)})`, { cause: error });
  }
  // Editors and `kubectl create secret --from-file` keep a final newline.
  const token = text.trim();
  if (token.length < MIN_TOKEN_LENGTH) {
    throw new CliUsageError(
      `--token-file ${path}: the token has ${token.length} characters and needs at least ${MIN_TOKEN_LENGTH}; ${HOW_TO_MAKE}`,
    );
  }
  if (!TOKEN_CHARACTERS.test(token)) {
    throw new CliUsageError(
      `--token-file ${path}: the token may hold only letters, digits and + / = . _ ~ - (it goes into a cookie); ${HOW_TO_MAKE}`,
    );
  }
  return token;
}
