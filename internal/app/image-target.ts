// One reference, consolidated over every place it runs: the platform whose manifest to compare
// (the first place that says), the label rules (internal/platform/effective-rules.ts), and the
// tags saying where it runs. It is ignored only when every place ignores it.
import type { ImagePlatform } from '../oci/platform.js';
import { effectiveRules } from '../platform/effective-rules.js';
import { placeTags } from '../pipeline/place-tags.js';
import type { ImageToProcess } from '../pipeline/process-image.js';
import type { ImagePlace } from './platform-graphs.js';

export interface ImageTarget extends ImageToProcess {
  readonly ignored: boolean;
  /** Malformed rule labels met on the way, for the UI. */
  readonly problems: readonly string[];
}

export function imageTarget(reference: string, places: readonly ImagePlace[]): ImageTarget | undefined {
  if (places.length === 0) return undefined;
  const perPlace = places.map(({ graph, node }) => ({ node, rules: effectiveRules(graph, node.id) }));
  // Places on different platforms could each forbid different updates; combining them exactly
  // needs effective-rules.ts's `strictest`, which is private: the first place that is not ignored
  // decides (places on one platform are already combined by effectiveRules).
  const kept = perPlace.find((place) => !place.rules.ignored);
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
    ignored: kept === undefined,
    problems: [...new Set(perPlace.flatMap((place) => place.rules.problems))],
    placeTags: [...new Set(places.flatMap(({ graph, node }) => placeTags(graph, node.id)))].sort(),
    ...(platform === undefined ? {} : { platform }),
    ...(kept === undefined ? {} : { rules: kept.rules.rules }),
  };
}
