// What image a container actually runs (shared by the Kubernetes and Docker platforms): the spec's reference (its tag) plus the digest the kubelet
// reports in `status.containerStatuses[].imageID`. That field comes in several forms depending on
// the runtime (kubernetes/kubernetes#46426, cri-dockerd, containerd CRI):
//   docker-pullable://nginx@sha256:…   dockershim / cri-dockerd, pulled from a registry
//   docker.io/library/nginx@sha256:…   containerd / CRI-O: a repository digest
//   sha256:…                           an image id (local build, imported tarball): not a digest
//                                      any registry knows, so only the tag can be tracked
//   (empty)                            still pulling: only the tag is known yet
import { isDigest, parseReference } from '../oci/reference.js';
import { messageOf } from '../model/message-of.js';

export interface RunningImage {
  /** Familiar form of the spec's image, for display: `nginx:1.25`. */
  readonly name: string;
  /** Normalized `docker.io/library/nginx:1.25@sha256:…`; the digest is absent when unknown. */
  readonly reference?: string;
  /** Why the reference is missing or lacks its digest. */
  readonly unresolvable?: string;
}

const RUNTIME_PREFIXES = ['docker-pullable://', 'docker://'];

export function runningImage(image: string, imageID: string | undefined): RunningImage {
  let parsed;
  try {
    parsed = parseReference(image);
  } catch (error) {
    return {
      name: image,
      unresolvable: `the pod spec's image "${image}" is not a valid reference: ${messageOf(error)}`,
    };
  }
  const reported = reportedDigest(imageID);
  const digest = parsed.digest ?? reported.digest;
  // distribution's default tag, only when the spec names neither a tag nor a digest.
  const tag = parsed.tag ?? (parsed.digest === undefined ? 'latest' : undefined);
  const reference =
    parsed.name + (tag === undefined ? '' : `:${tag}`) + (digest === undefined ? '' : `@${digest}`);
  return {
    name: parsed.familiar(),
    reference,
    ...(digest === undefined && reported.note !== undefined ? { unresolvable: reported.note } : {}),
  };
}

function reportedDigest(imageID: string | undefined): { digest?: string; note?: string } {
  if (imageID === undefined) return {};
  const stripped = RUNTIME_PREFIXES.reduce(
    (id, prefix) => (id.startsWith(prefix) ? id.slice(prefix.length) : id),
    imageID,
  );
  const at = stripped.lastIndexOf('@');
  const candidate = at === -1 ? undefined : stripped.slice(at + 1);
  if (candidate !== undefined && isDigest(candidate)) return { digest: candidate };
  return {
    note: `the runtime reported image id "${imageID}", not a repository digest (e.g. a locally built or imported image); only the tag is tracked`,
  };
}
