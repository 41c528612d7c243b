// The `attestations` job: SLSA provenance and SBOMs the image carries in its registry
// (internal/sources/attestations.ts), through the registry client (credentials, token cache). It
// runs for the running image and, when there is an update, for the candidate: the vulnerabilities
// job compares their SBOMs. Only the running image's provenance and tags describe the image.
import type { RegistryClient } from '../oci/client.js';
import type { ImagePlatform } from '../oci/platform.js';
import type { ImageReference } from '../oci/reference.js';
import { fetchAttestations, type AttestationEnrichment } from '../sources/attestations.js';
import { defineStep, optionalInput, output, requiredInput } from '../workflow/index.js';

export function attestationsStep(registry: RegistryClient) {
  return defineStep({
    name: 'Read the attestations',
    inputs: {
      image: requiredInput<ImageReference>(),
      /** The candidate's tag; absent for the running image (the reference as it runs). */
      tag: optionalInput<string>(),
      platform: requiredInput<ImagePlatform>(),
    },
    outputs: { attestations: output<AttestationEnrichment>() },
    run: async (ctx, { image, tag, platform }) => {
      const reference = tag === undefined ? image.toString() : `${image.name}:${tag}`;
      const attestations = await fetchAttestations(registry, { reference, platform }, { signal: ctx.signal });
      const { provenance, sbom } = attestations;
      ctx.log(
        'info',
        `provenance: ${provenance === undefined ? 'none' : provenance.predicateType}; SBOM: ${sbom === undefined ? 'none' : `${sbom.format}, ${sbom.packages.length} packages`}`,
      );
      return { attestations };
    },
  });
}
