// An image reference's parts, for display only (the core normalizes and validates references):
// `ghcr.io/org/app:1.2@sha256:…` → repository `ghcr.io/org/app`, tag `1.2`, digest `sha256:…`.

export interface ReferenceParts {
  readonly repository: string;
  readonly tag: string | null;
  readonly digest: string | null;
}

export function splitReference(reference: string): ReferenceParts {
  const at = reference.indexOf('@');
  const named = at === -1 ? reference : reference.slice(0, at);
  const digest = at === -1 ? null : reference.slice(at + 1);
  // A `:` after the last `/` starts the tag; one before it is a registry port (`localhost:5000/x`).
  const colon = named.lastIndexOf(':');
  const hasTag = colon > named.lastIndexOf('/');
  return {
    repository: hasTag ? named.slice(0, colon) : named,
    tag: hasTag ? named.slice(colon + 1) : null,
    digest,
  };
}
