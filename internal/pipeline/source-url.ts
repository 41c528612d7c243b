// Where an image's source lives, from what its builder wrote: `org.opencontainers.image.source`
// (OCI image-spec annotations.md: "URL to get source code for building the image") or the older
// label-schema.org `org.label-schema.vcs-url`. Both hold whatever the CI put there: a browser URL,
// a clone URL (`git@github.com:o/r.git`, `git+https://…`, `git://…`), sometimes with credentials.
// We keep one canonical https URL, without credentials, query or `.git`, or nothing.

export const SOURCE_KEYS = ['org.opencontainers.image.source', 'org.label-schema.vcs-url'] as const;

// scp-like git syntax: `[user@]host:path` (git-clone(1) "GIT URLS").
const SCP_LIKE = /^(?:[\w.-]+@)?(?<host>[\w.-]+\.[a-z]{2,}):(?!\/\/)(?<path>[^\s]+)$/i;

export function normalizeSourceUrl(text: string): string | null {
  const trimmed = text.trim();
  const scp = SCP_LIKE.exec(trimmed)?.groups;
  const candidate =
    scp !== undefined
      ? `https://${scp.host}/${scp.path}`
      : trimmed.replace(/^git\+/i, '').replace(/^(?:git|ssh|http):\/\//i, 'https://');
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' || !url.hostname.includes('.')) return null;
  const path = url.pathname.replace(/\/+$/, '').replace(/\.git$/i, '');
  return `https://${url.host.toLowerCase()}${path}`;
}

/** The first usable source URL: annotations (on the manifest) before labels (in the config). */
export function sourceRepository(
  annotations: Readonly<Record<string, string>>,
  labels: Readonly<Record<string, string>>,
): string | null {
  for (const values of [annotations, labels]) {
    for (const key of SOURCE_KEYS) {
      const value = values[key];
      const url = value === undefined ? null : normalizeSourceUrl(value);
      if (url !== null) return url;
    }
  }
  return null;
}
