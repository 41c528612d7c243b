// Step 2 of the `oci` job: what the registry has now, through internal/oci/check.ts. checkImage
// answers three questions at once (the running manifest for our platform, the tag list with the
// candidates under the image's rules, and whether the same tag now points at other content for our
// platform) and keeps its comparison private so an index digest is never compared with a platform
// digest; so this is one step rather than three (see docs/pipeline.md).
import { checkImage, type DigestPair, type RemoteTag, type SameTagBasis } from '../oci/check.js';
import type { RegistryClient } from '../oci/client.js';
import type { ImagePlatform } from '../oci/platform.js';
import type { ImageReference } from '../oci/reference.js';
import type { Rules } from '../version/rules.js';
import type { TagVerdict, Updates } from '../version/types.js';
import { defineStep, optionalInput, output, requiredInput } from '../workflow/index.js';

export function checkImageStep(client: RegistryClient) {
  return defineStep({
    id: 'check',
    name: 'Check the tag list and digests',
    inputs: {
      image: requiredInput<ImageReference>(),
      platform: requiredInput<ImagePlatform>(),
      rules: optionalInput<Rules>(),
    },
    outputs: {
      /** The tag followed: the reference's, `latest` when it has none, null for a digest-only reference. */
      tag: output<string | null>(),
      tagCount: output<number>(),
      current: output<DigestPair>(),
      remote: output<RemoteTag | null>(),
      sameTagChanged: output<boolean>(),
      sameTagBasis: output<SameTagBasis>(),
      updates: output<Updates>(),
      explain: output<readonly TagVerdict[]>(),
    },
    run: async (ctx, { image, platform, rules }) => {
      const result = await checkImage(client, image, {
        platform,
        signal: ctx.signal,
        ...(rules === undefined ? {} : { rules }),
      });
      ctx.log('info', `${result.tags.length} tags; same tag ${result.sameTagBasis}`);
      return {
        tag: result.tag,
        tagCount: result.tags.length,
        current: result.current,
        remote: result.remote,
        sameTagChanged: result.sameTagChanged,
        sameTagBasis: result.sameTagBasis,
        updates: result.updates,
        explain: result.explain,
      };
    },
  });
}
