// Step 4 of the `oci` job, only when a job after it reads the image's metadata (the annotations
// job; GitHub and GitLab, which start from the source repository it names): the newest image's
// manifest for our platform and its config blob, for their digest, OCI annotations and labels
// (where `org.label-schema.*` and many `org.opencontainers.image.*` values live on images built by
// `docker build`, which sets no annotations). A versions-only scan skips it: those are 2 requests
// an image the versions do not need (docs/pipeline.md, "Requests").
//
// When the newest image is the one the running tag names, `check` already has its digest from the
// HEAD: the manifest is read by digest (immutable, cached forever, one fetch for every image that
// needs it) rather than by tag. The config blob is read by digest too.
import type { RegistryClient } from '../oci/client.js';
import type { ImagePlatform } from '../oci/platform.js';
import type { ImageReference } from '../oci/reference.js';
import { defineStep, optionalInput, output, requiredInput } from '../workflow/index.js';

/** The newest image as its registry describes it. */
export interface LatestImage {
  /** What the target names: the index digest for a multi-platform image, else the manifest's. */
  readonly digest: string;
  /** The index's annotations overlaid with the platform manifest's (the nearer one wins). */
  readonly annotations: Readonly<Record<string, string>>;
  readonly labels: Readonly<Record<string, string>>;
  readonly created: string | null;
}

export function latestImageStep(client: RegistryClient) {
  return defineStep({
    id: 'latest',
    name: "Read the latest image's manifest and config",
    inputs: {
      image: requiredInput<ImageReference>(),
      target: requiredInput<string>(),
      /** The digest `target` names, when already known (the running tag's, from check's HEAD). */
      targetDigest: optionalInput<string | null>(),
      platform: requiredInput<ImagePlatform>(),
    },
    outputs: { latest: output<LatestImage>() },
    run: async (ctx, { image, target, targetDigest, platform }) => {
      const call = { signal: ctx.signal };
      const { index, manifest } = await client.getPlatformManifest(
        image,
        targetDigest ?? target,
        platform,
        call,
      );
      const config = await client.getImageConfig(image, manifest, call);
      return {
        latest: {
          digest: index?.digest ?? manifest.digest,
          annotations: { ...index?.annotations, ...manifest.annotations },
          labels: config.labels,
          created: config.created,
        },
      };
    },
  });
}
