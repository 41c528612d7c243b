// Reads the token the GitHub CLI stored for github.com in its hosts file (`hosts.yml`), which looks
// like this (cli/cli internal/config; the `users:` map arrived with multi-account support in 2.40):
//
//   github.com:
//       users:
//           monalisa:
//               oauth_token: gho_xxx
//       git_protocol: https
//       user: monalisa
//       oauth_token: gho_xxx      ← the active account's token
//
// Only that one key is needed, so this reads the small YAML subset gh writes (block maps, plain
// or quoted scalars, comments) instead of pulling in a YAML library. Anything else is ignored:
// a file we cannot understand gives no token, never an error. gh 2.40+ keeps tokens in the system
// keyring when it can; the file then has no `oauth_token` and `GH_TOKEN=$(gh auth token)` is the way.

const HOST = 'github.com';
const TOKEN_KEY = 'oauth_token';

/** The active github.com token in a gh `hosts.yml` text, or null. */
export function tokenFromGhHosts(text: string): string | null {
  let inHost = false;
  let childIndent: number | null = null;
  for (const line of text.split(/\r?\n/)) {
    const entry = keyValue(line);
    if (entry === null) continue;
    if (entry.indent === 0) {
      inHost = entry.key === HOST;
      childIndent = null;
      continue;
    }
    if (!inHost) continue;
    // The first key under the host fixes its children's indent; deeper keys belong to `users:`.
    childIndent ??= entry.indent;
    if (entry.indent === childIndent && entry.key === TOKEN_KEY && entry.value !== '') return entry.value;
  }
  return null;
}

interface KeyValue {
  readonly indent: number;
  readonly key: string;
  readonly value: string;
}

function keyValue(line: string): KeyValue | null {
  const match = /^( *)([^\s#:][^:]*?)\s*:(?:\s+(.*))?$/.exec(line);
  if (match === null) return null;
  const [, spaces = '', rawKey = '', rawValue = ''] = match;
  return { indent: spaces.length, key: unquote(rawKey), value: unquote(withoutComment(rawValue)) };
}

/** YAML comments start with ` #` outside quotes; a quoted scalar keeps its `#`. */
function withoutComment(value: string): string {
  if (value.startsWith('"') || value.startsWith("'")) return value.trim();
  const hash = value.search(/(^|\s)#/);
  return (hash === -1 ? value : value.slice(0, hash)).trim();
}

function unquote(value: string): string {
  const quoted = /^(["'])(.*)\1$/.exec(value);
  return quoted?.[2] ?? value;
}
