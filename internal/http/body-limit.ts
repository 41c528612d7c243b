// How large an answer's body may be, by kind of answer. A registry or API that sends an endless or
// huge body (issue 15: a 300 MB tag list took the process to 2.35 GB) is cut off at its limit, and
// the request fails with HttpBodyTooLargeError instead of the process running out of memory. The
// sizes follow containers/image's iolimits (its fix for CVE-2020-1702, the same attack on
// podman/skopeo), with room to spare; see docs/http.md, "Body limits".

/** The most bytes a body may have, and what kind of answer it is (for the error message). */
export interface BodyLimit {
  readonly bytes: number;
  /** "a tag list page", "a manifest": says what the limit is for. */
  readonly kind: string;
}

const MiB = 1024 * 1024;

export const BODY_LIMITS = {
  /**
   * One page of /tags/list. distribution 2.8 sends every tag on one page: 100,000 tags of 20
   * characters are ~2.3 MB, and 16 MiB holds over 100,000 tags of the longest length (128).
   */
  tagList: { bytes: 16 * MiB, kind: 'a tag list page' },
  /** distribution refuses to store a manifest over 4 MiB (registry/handlers/manifests.go). */
  manifest: { bytes: 4 * MiB, kind: 'a manifest' },
  /** Config blobs are a few KiB (labels, history); containers/image allows 4 MiB, we allow 8. */
  imageConfig: { bytes: 8 * MiB, kind: 'an image config' },
  /** Other blobs read into memory: attestation layers (SBOMs, provenance) can be tens of MiB. */
  blob: { bytes: 64 * MiB, kind: 'a blob' },
  /** Docker Hub, GitHub, GitLab, Quay, OSV and token servers: the HttpClient's default. */
  apiJson: { bytes: 8 * MiB, kind: 'an API answer' },
} as const satisfies Record<string, BodyLimit>;

/**
 * An unsuccessful answer's body is read only for its error message: the first MiB is kept and the
 * rest dropped (unread, the connection closed), so a hostile 404 cannot fill memory either, and
 * the caller still sees the status (a 404 is "not found", not "too large").
 */
export const ERROR_BODY_BYTES = 1 * MiB;

/** "16 MiB", "512 KiB", "100 bytes": a limit as people read it. */
export function formatBytes(bytes: number): string {
  if (bytes >= MiB && bytes % MiB === 0) return `${bytes / MiB} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes.toLocaleString('en')} bytes`;
}
