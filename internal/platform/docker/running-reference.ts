// What image a Docker container runs: its configured image (the tag the user asked for) plus the
// `RepoDigests` entry of the same repository. An image pulled or pushed under several names has
// several RepoDigests (`nginx@sha256:…`, `registry.example/mirror/nginx@sha256:…`); only the one
// whose repository matches the tag's, both normalized like distribution, belongs to the tag.
import { parseReference } from '../../oci/reference.js';
import { runningImage, type RunningImage } from '../running-image.js';
import { messageOf } from '../../model/message-of.js';

export function runningReference(
  configImage: string,
  imageId: string,
  repoDigests: readonly string[],
): RunningImage {
  if (isImageId(configImage, imageId)) {
    return {
      name: shortId(imageId),
      unresolvable: `the container was started from the image id "${configImage}", not from a repository and tag; recreate it from a reference such as nginx:1.25 to track its updates`,
    };
  }
  let repository: string;
  try {
    repository = parseReference(configImage).name;
  } catch (error) {
    return {
      name: configImage,
      unresolvable: `the container's image "${configImage}" is not a valid reference: ${messageOf(error)}`,
    };
  }
  // The runtime reports the matching repository digest the way a kubelet reports imageID, or the
  // image id when the image has none (built locally, loaded from a tarball).
  return runningImage(configImage, repoDigests.find((entry) => sameRepository(entry, repository)) ?? imageId);
}

// `docker run <id>` stores what was typed: the full `sha256:<hex>`, the bare hex, or a prefix of it.
function isImageId(configImage: string, imageId: string): boolean {
  const hex = configImage.startsWith('sha256:') ? configImage.slice('sha256:'.length) : configImage;
  return /^[a-f0-9]{4,64}$/.test(hex) && imageId.startsWith(`sha256:${hex}`);
}

function sameRepository(repoDigest: string, repository: string): boolean {
  try {
    return parseReference(repoDigest).name === repository;
  } catch {
    return false;
  }
}

function shortId(imageId: string): string {
  return imageId.replace(/^sha256:/, '').slice(0, 12);
}
