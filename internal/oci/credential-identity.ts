// Who an answer or a token was obtained for, without the secret: a keyed hash (HMAC-SHA256) of the
// registry, kind, username and secret, under a random key made once per process. The HTTP cache is
// partitioned by it (docs/registries.md, "Whose answers are cached"), so one login's answers are
// never served to another login or to anonymous requests, and a changed login is a new identity.
// The key lives in memory only: the identities that reach the store's cache keys cannot be
// brute-forced back to a password offline, and they change at every start, so answers obtained
// with a credential are fetched again after a restart (anonymous ones are reused).
import { createHmac, randomBytes } from 'node:crypto';

const PROCESS_KEY = randomBytes(32);

/** 22 base64url characters (132 bits): distinct for distinct credentials, meaningless without the key. */
export function credentialIdentity(registry: string, kind: string, username: string, secret: string): string {
  return createHmac('sha256', PROCESS_KEY)
    .update([registry, kind, username, secret].join('\0'))
    .digest('base64url')
    .slice(0, 22);
}
