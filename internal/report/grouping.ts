// Groups the report's images: by location (one group per kube context + namespace or Docker host +
// compose project, each listing the images that run there with only that group's workloads) or by
// image (one group per repository, each version with all its locations).
import { compareText } from '../model/compare-text.js';
import type { GroupBy, ReportGroup, ReportImage, ReportLocation } from './model.js';

/** The title of the group of images that no known place holds. */
const NOWHERE_TITLE = '(no known location)';

export function groupImages(images: readonly ReportImage[], groupBy: GroupBy): ReportGroup[] {
  return groupBy === 'image' ? byRepository(images) : byLocation(images);
}

function byRepository(images: readonly ReportImage[]): ReportGroup[] {
  const groups = new Map<string, ReportImage[]>();
  for (const image of images) groups.set(image.repository, [...(groups.get(image.repository) ?? []), image]);
  return [...groups]
    .sort(([a], [b]) => compareText(a, b))
    .map(([title, members]) => ({
      title,
      entries: members.map((image) => ({ reference: image.reference, locations: image.locations })),
    }));
}

function byLocation(images: readonly ReportImage[]): ReportGroup[] {
  const groups = new Map<
    string,
    { scope: ReportLocation['scope']; platform: string; entries: Map<string, ReportLocation[]> }
  >();
  const nowhere: ReportImage[] = [];
  for (const image of images) {
    if (image.locations.length === 0) nowhere.push(image);
    for (const location of image.locations) {
      const key = JSON.stringify([location.platform, location.scope]);
      const group = groups.get(key) ?? {
        scope: location.scope,
        platform: location.platform,
        entries: new Map(),
      };
      groups.set(key, group);
      group.entries.set(image.reference, [...(group.entries.get(image.reference) ?? []), location]);
    }
  }
  const titles = [...groups.values()].map((group) => group.scope.join(' / '));
  const located = [...groups.values()].map((group) => {
    const title = group.scope.join(' / ');
    // Two platforms can name a host or context alike (two endpoints of one machine): say which is which.
    const shared = titles.filter((other) => other === title).length > 1;
    return {
      title: shared ? `${title} (${group.platform})` : title,
      entries: [...group.entries].map(([reference, locations]) => ({ reference, locations })),
    };
  });
  const sorted = located.sort((a, b) => compareText(a.title, b.title));
  return nowhere.length === 0
    ? sorted
    : [
        ...sorted,
        {
          title: NOWHERE_TITLE,
          entries: nowhere.map((image) => ({ reference: image.reference, locations: [] })),
        },
      ];
}
