// Image references parsed and normalized exactly like distribution's `reference` package
// (github.com/distribution/reference: regexp.go, normalize.go ParseNormalizedNamed / FamiliarString,
// reference.go Parse), so "nginx", "docker.io/library/nginx" and "index.docker.io/nginx" are the
// same image everywhere in the app.

const DEFAULT_DOMAIN = 'docker.io';
// The "Docker Index" v1 name, still accepted as an alias of docker.io (normalize.go).
const LEGACY_DEFAULT_DOMAIN = 'index.docker.io';
const OFFICIAL_REPO_PREFIX = 'library/';
const NAME_TOTAL_LENGTH_MAX = 255;

// The grammar of regexp.go, piece by piece.
const alphanumeric = '[a-z0-9]+';
const separator = '(?:[._]|__|[-]+)';
const domainNameComponent = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const domainName = `${domainNameComponent}(?:\\.${domainNameComponent})*`;
const ipv6Address = '\\[(?:[a-fA-F0-9:]+)\\]';
const domainAndPort = `(?:${domainName}|${ipv6Address})(?::[0-9]+)?`;
const tagPattern = '[\\w][\\w.-]{0,127}';
const digestPattern = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9a-fA-F]{32,}';
const pathComponent = `${alphanumeric}(?:${separator}${alphanumeric})*`;
const remoteName = `${pathComponent}(?:/${pathComponent})*`;
const namePattern = `(?:${domainAndPort}/)?${remoteName}`;

const referenceRegexp = new RegExp(`^(${namePattern})(?::(${tagPattern}))?(?:@(${digestPattern}))?$`);
const anchoredNameRegexp = new RegExp(`^(?:(${domainAndPort})/)?(${remoteName})$`);
const anchoredDigestRegexp = new RegExp(`^${digestPattern}$`);
const identifierRegexp = /^[a-f0-9]{64}$/;
const knownDigestRegexp = /^sha(?:256|384|512):[0-9a-fA-F]{32,}$/;

// go-digest's registered algorithms and their hex lengths; the encoded part is lowercase hex.
const DIGEST_HEX_LENGTH: Readonly<Record<string, number>> = { sha256: 64, sha384: 96, sha512: 128 };

export type InvalidReferenceReason =
  | 'empty'
  | 'format'
  | 'uppercase'
  | 'name-too-long'
  | 'identifier'
  | 'digest-only'
  | 'digest-unsupported'
  | 'digest-length'
  | 'digest-format';

const HINTS: Readonly<Record<InvalidReferenceReason, string>> = {
  empty: 'the reference is empty; give an image such as "nginx:1.25"',
  format:
    'invalid reference format; expected [registry/]repository[:tag][@digest], e.g. "ghcr.io/org/app:1.2"',
  uppercase: 'repository name must be lowercase',
  'name-too-long': `repository name must not be more than ${NAME_TOTAL_LENGTH_MAX} characters`,
  identifier: 'cannot specify 64-byte hexadecimal strings as a repository name; this looks like an image ID',
  'digest-only': 'a digest alone is not a reference; give the repository too, e.g. "nginx@sha256:…"',
  'digest-unsupported': 'unsupported digest algorithm; use sha256, sha384 or sha512',
  'digest-length': 'invalid digest length for its algorithm (sha256 needs 64 hex characters)',
  'digest-format': 'invalid digest format; the hex part must be lowercase',
};

export class InvalidReferenceError extends Error {
  override readonly name = 'InvalidReferenceError';
  constructor(
    readonly input: string,
    readonly reason: InvalidReferenceReason,
    detail?: string,
  ) {
    super(`Invalid image reference ${JSON.stringify(input)}: ${detail ?? HINTS[reason]}`);
  }
}

export interface ImageReference {
  /** Registry host, with port when given: "docker.io", "ghcr.io", "localhost:5000". */
  readonly domain: string;
  /** Repository path inside the registry: "library/nginx". */
  readonly path: string;
  /** domain + "/" + path (distribution's TrimNamed). */
  readonly name: string;
  readonly tag?: string;
  readonly digest?: string;
  /** Fully qualified: "docker.io/library/nginx:1.25". */
  toString(): string;
  /** As Docker shows it (FamiliarString): "nginx:1.25". */
  familiar(): string;
}

class ParsedReference implements ImageReference {
  readonly name: string;
  constructor(
    readonly domain: string,
    readonly path: string,
    readonly tag: string | undefined,
    readonly digest: string | undefined,
  ) {
    this.name = `${domain}/${path}`;
    Object.freeze(this);
  }
  toString(): string {
    return this.name + this.suffix();
  }
  familiar(): string {
    return familiarName(this.domain, this.path) + this.suffix();
  }
  toJSON(): string {
    return this.toString();
  }
  private suffix(): string {
    return (
      (this.tag === undefined ? '' : `:${this.tag}`) + (this.digest === undefined ? '' : `@${this.digest}`)
    );
  }
}

/** ParseNormalizedNamed: accepts familiar ("nginx") and full names; throws InvalidReferenceError. */
export function parseReference(input: string): ImageReference {
  if (identifierRegexp.test(input)) throw new InvalidReferenceError(input, 'identifier');
  // distribution would read "sha256:<hex>" as repository "sha256" with a hex tag; for us a bare
  // digest is always a mistake (ParseAnyReference would return a nameless digest reference).
  if (knownDigestRegexp.test(input)) throw new InvalidReferenceError(input, 'digest-only');
  const [domain, remainder] = splitDockerDomain(input);
  const colon = remainder.indexOf(':');
  const remote = colon === -1 ? remainder : remainder.slice(0, colon);
  if (remote.toLowerCase() !== remote) {
    throw new InvalidReferenceError(
      input,
      'uppercase',
      `invalid reference format: repository name (${remote}) must be lowercase`,
    );
  }
  return parseFull(input, `${domain}/${remainder}`);
}

// reference.go Parse, on the already domain-qualified string.
function parseFull(input: string, qualified: string): ImageReference {
  if (input === '') throw new InvalidReferenceError(input, 'empty');
  const match = referenceRegexp.exec(qualified);
  if (match === null) {
    const lower = qualified.toLowerCase();
    const reason = lower !== qualified && referenceRegexp.test(lower) ? 'uppercase' : 'format';
    throw new InvalidReferenceError(input, reason);
  }
  const [, name = '', tag, digest] = match;
  const nameMatch = anchoredNameRegexp.exec(name);
  const domain = nameMatch?.[1] ?? '';
  const path = nameMatch?.[2] ?? name;
  if (path.length > NAME_TOTAL_LENGTH_MAX) throw new InvalidReferenceError(input, 'name-too-long');
  if (digest !== undefined) validateDigest(input, digest);
  return new ParsedReference(domain, path, tag, digest);
}

// go-digest's Digest.Validate: a registered algorithm, the right length, lowercase hex.
function validateDigest(input: string, digest: string): void {
  const sep = digest.indexOf(':');
  const algorithm = digest.slice(0, sep);
  const encoded = digest.slice(sep + 1);
  const length = DIGEST_HEX_LENGTH[algorithm];
  if (length === undefined) throw new InvalidReferenceError(input, 'digest-unsupported');
  if (encoded.length !== length) throw new InvalidReferenceError(input, 'digest-length');
  if (!/^[a-f0-9]+$/.test(encoded)) throw new InvalidReferenceError(input, 'digest-format');
}

/** True for a well-formed "algorithm:hex" digest with a registered algorithm. */
export function isDigest(value: string): boolean {
  if (!anchoredDigestRegexp.test(value)) return false;
  try {
    validateDigest(value, value);
    return true;
  } catch {
    return false;
  }
}

// normalize.go splitDockerDomain.
function splitDockerDomain(name: string): [domain: string, remainder: string] {
  const slash = name.indexOf('/');
  if (slash === -1) return [DEFAULT_DOMAIN, OFFICIAL_REPO_PREFIX + name];
  const maybeDomain = name.slice(0, slash);
  const maybeRemote = name.slice(slash + 1);
  let domain: string;
  let remote: string;
  if (maybeDomain === 'localhost' || /[.:]/.test(maybeDomain) || maybeDomain.toLowerCase() !== maybeDomain) {
    [domain, remote] = [maybeDomain === LEGACY_DEFAULT_DOMAIN ? DEFAULT_DOMAIN : maybeDomain, maybeRemote];
  } else {
    [domain, remote] = [DEFAULT_DOMAIN, name];
  }
  if (domain === DEFAULT_DOMAIN && !remote.includes('/')) remote = OFFICIAL_REPO_PREFIX + remote;
  return [domain, remote];
}

// normalize.go familiarizeName: drop "docker.io/" and a single-level "library/".
function familiarName(domain: string, path: string): string {
  if (domain !== DEFAULT_DOMAIN) return `${domain}/${path}`;
  if (path.startsWith(OFFICIAL_REPO_PREFIX)) {
    const rest = path.slice(OFFICIAL_REPO_PREFIX.length);
    if (!rest.includes('/')) return rest;
  }
  return path;
}
