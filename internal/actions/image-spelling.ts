// An image as the user wrote it (in a compose file, a pod spec, `docker run`), and the same image
// moved to another tag or digest in the same spelling: `nginx:1.25` becomes `nginx:1.26`, never
// `docker.io/library/nginx:1.26`, and a pin `nginx:1.25@sha256:…` stays a pin (tag and digest).
import { parseReference } from '../oci/reference.js';

export interface WrittenImage {
  /** The repository exactly as written: `nginx`, `docker.io/library/nginx`, `localhost:5000/app`. */
  readonly name: string;
  readonly tag?: string;
  readonly digest?: string;
}

/** Splits `written` into its parts; throws InvalidReferenceError when it is not a reference. */
export function splitWritten(written: string): WrittenImage {
  parseReference(written); // validates; its parts are normalized, these keep the spelling
  const at = written.indexOf('@');
  const digest = at === -1 ? undefined : written.slice(at + 1);
  const named = at === -1 ? written : written.slice(0, at);
  // A tag follows the last `:` after the last `/` (a `:` before it is a registry port).
  const colon = named.lastIndexOf(':');
  const hasTag = colon > named.lastIndexOf('/');
  return {
    name: hasTag ? named.slice(0, colon) : named,
    ...(hasTag && { tag: named.slice(colon + 1) }),
    ...(digest !== undefined && { digest }),
  };
}

export function isPinned(written: string): boolean {
  return splitWritten(written).digest !== undefined;
}

/** True when both name the same repository once normalized (`nginx` and `docker.io/library/nginx`). */
export function sameRepository(a: string, b: string): boolean {
  return parseReference(a).name === parseReference(b).name;
}

/**
 * `written` moved to `tag` (null: keep the written tag) and, when `written` is pinned by digest,
 * to `digest`. A pinned spelling needs the digest: undefined here is a programming error.
 */
export function respell(written: string, tag: string | null, digest: string | null): string {
  const parts = splitWritten(written);
  const newTag = tag ?? parts.tag;
  const tagPart = newTag === undefined ? '' : `:${newTag}`;
  if (parts.digest === undefined) return parts.name + tagPart;
  if (digest === null) throw new Error(`a new digest is needed to keep the pin of ${written}`);
  return `${parts.name}${tagPart}@${digest}`;
}
