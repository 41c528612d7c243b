// Links shown beside an image: the page of its registry, and the merge of what every source found.
// Link URLs come from untrusted labels and APIs, so only absolute http(s) URLs are kept: a
// `javascript:` or `file:` link must never reach the UI.
import { parseReference } from '../oci/reference.js';
import type { Link } from '../model/image.js';
import type { SourceRepository } from './source-repository.js';

/** The URL when it is an absolute http(s) URL, else null. */
export function httpUrl(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  try {
    const url = new URL(raw.trim());
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * The image's page on its registry's website, `type: 'registry'`: Docker Hub (`/_/<x>` for
 * official images, `/r/<ns>/<repo>` otherwise), Quay (`/repository/<ns>/<repo>`), and GHCR only
 * when the source repository is on GitHub under the same owner: a package shows under
 * `/<owner>/<repo>/pkgs/container/<name>` once it is connected to that repository, which the
 * `org.opencontainers.image.source` annotation does
 * (https://docs.github.com/en/packages/learn-github-packages/connecting-a-repository-to-a-package).
 */
export function registryLink(reference: string, source?: SourceRepository | null): Link | null {
  const image = parseReference(reference);
  const path = image.path;
  switch (image.domain) {
    case 'docker.io':
      return {
        type: 'registry',
        url: path.startsWith('library/')
          ? `https://hub.docker.com/_/${path.slice('library/'.length)}`
          : `https://hub.docker.com/r/${path}`,
      };
    case 'quay.io':
      return { type: 'registry', url: `https://quay.io/repository/${path}` };
    case 'ghcr.io': {
      const [owner, ...name] = path.split('/');
      if (source?.host !== 'github' || owner !== source.owner.toLowerCase() || name.length === 0) return null;
      return {
        type: 'registry',
        url: `${source.url}/pkgs/container/${encodeURIComponent(name.join('/'))}`,
      };
    }
    default:
      return null;
  }
}

/**
 * Every distinct link once, in the order given (put the most trusted source first): two URLs are
 * the same when they differ only in the host's case, a trailing slash or a `.git` ending. Links
 * that are not http(s) are dropped.
 */
export function mergeLinks(...lists: readonly (readonly Link[] | undefined)[]): Link[] {
  const seen = new Set<string>();
  const merged: Link[] = [];
  for (const link of lists.flatMap((list) => list ?? [])) {
    const url = httpUrl(link.url);
    if (url === null) continue;
    const key = sameUrlKey(url);
    if (seen.has(key)) continue;
    seen.add(key);
    merged.push({ type: link.type, url });
  }
  return merged;
}

function sameUrlKey(href: string): string {
  const url = new URL(href);
  const path = url.pathname.replace(/\/+$/, '').replace(/\.git$/, '');
  return `${url.protocol}//${url.host}${path}${url.search}`;
}
