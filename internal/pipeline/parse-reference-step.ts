// Step 1 of the `oci` job: the reference as the platform reported it, parsed and normalized like
// distribution does (internal/oci/reference.ts), and the platform whose manifest the image runs.
// Images whose runtime did not say (a static list) are checked for linux/amd64, as Cupdate does.
import { parseReference, type ImageReference } from '../oci/reference.js';
import type { ImagePlatform } from '../oci/platform.js';
import { defineStep, optionalInput, output, requiredInput } from '../workflow/index.js';

export const DEFAULT_PLATFORM: ImagePlatform = { os: 'linux', architecture: 'amd64' };

export const parseReferenceStep = defineStep({
  id: 'reference',
  name: 'Parse the image reference',
  inputs: {
    reference: requiredInput<string>(),
    os: optionalInput<string>(),
    architecture: optionalInput<string>(),
    variant: optionalInput<string>(),
  },
  outputs: {
    image: output<ImageReference>(),
    /** The registry domain, e.g. `docker.io`, `127.0.0.1:5000`: credentials are looked up by it. */
    registry: output<string>(),
    platform: output<ImagePlatform>(),
  },
  run: (_ctx, { reference, os, architecture, variant }) => {
    const image = parseReference(reference); // InvalidReferenceError names the input and the fix
    const platform: ImagePlatform = {
      os: os ?? DEFAULT_PLATFORM.os,
      architecture: architecture ?? DEFAULT_PLATFORM.architecture,
      ...(variant === undefined ? {} : { variant }),
    };
    return { image, registry: image.domain, platform };
  },
});
