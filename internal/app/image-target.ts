// One reference, consolidated over every place it runs: the platform whose manifest to compare
// (the first place that says), the label rules of every place combined
// (internal/platform/effective-rules.ts) under the user's own rule for it (user-rules.ts), and the
// tags saying where it runs. It is ignored only
// when every place ignores it.
import type { ImagePlatform } from '../oci/platform.js';
import { combineEffectiveRules, effectiveRules } from '../platform/effective-rules.js';
import { placeTags } from '../pipeline/place-tags.js';
import type { ImageToProcess } from '../pipeline/process-image.js';
import type { ImagePlace } from './platform-graphs.js';
import { withUserRule, type UserRule } from './user-rules.js';

export interface ImageTarget extends ImageToProcess {
  readonly ignored: boolean;
  /** Malformed rule labels met on the way, for the UI. */
  readonly problems: readonly string[];
}

export function imageTarget(
  reference: string,
  places: readonly ImagePlace[],
  userRule?: UserRule,
): ImageTarget | undefined {
  if (places.length === 0) return undefined;
  const labelled = combineEffectiveRules(places.map(({ graph, node }) => effectiveRules(graph, node.id)));
  const rules = withUserRule(labelled, userRule);
  const withPlatform = places.find(({ node }) => node.os !== undefined && node.architecture !== undefined);
  const platform: ImagePlatform | undefined =
    withPlatform === undefined
      ? undefined
      : {
          os: withPlatform.node.os ?? '',
          architecture: withPlatform.node.architecture ?? '',
          ...(withPlatform.node.variant === undefined ? {} : { variant: withPlatform.node.variant }),
        };
  return {
    reference,
    ignored: rules.ignored,
    problems: rules.problems,
    placeTags: [...new Set(places.flatMap(({ graph, node }) => placeTags(graph, node.id)))].sort(),
    ...(platform === undefined ? {} : { platform }),
    ...(rules.ignored ? {} : { rules: rules.rules }),
  };
}
