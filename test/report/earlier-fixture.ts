// The fixture as an earlier scan saw it, for diffs: nginx:1.24.0 ran as 1.23.4 (updated since),
// the API had no update yet (newly outdated), redis was outdated (no longer), memcached ran
// (removed since) and postgres did not (added since).
import type { ReportComparison } from '../../internal/report/build-report.js';
import { buildReport } from '../../internal/report/build-report.js';
import {
  FIXTURE_IMAGES,
  GraphBuilder,
  fixedRequest,
  fixedSource,
  result,
  type FixtureImage,
} from './fixture.js';

export const EARLIER_AT = Date.UTC(2026, 10, 20, 9, 30);

function replaced(reference: string, change: (image: FixtureImage) => FixtureImage | null): FixtureImage[] {
  return FIXTURE_IMAGES.flatMap((image) => {
    if (image.reference !== reference) return [image];
    const changed = change(image);
    return changed === null ? [] : [changed];
  });
}

function earlierImages(): FixtureImage[] {
  let images = replaced('docker.io/library/nginx:1.24.0', (image) => ({
    ...image,
    reference: 'docker.io/library/nginx:1.23.4',
  }));
  images = images.map((image) =>
    image.reference.startsWith('ghcr.io/acme/api:')
      ? { ...image, result: result('2.3.1', 'none', null, { patch: null, minor: null, major: null }) }
      : image.reference === 'docker.io/library/redis:7.2.4'
        ? {
            ...image,
            result: result('7.2.4', 'patch', 'docker.io/library/redis:7.2.5', {
              patch: '7.2.5',
              minor: null,
              major: null,
            }),
          }
        : image,
  );
  images = images.filter((image) => image.reference !== 'docker.io/library/postgres:16.1');
  const memcached: FixtureImage = {
    reference: 'docker.io/library/memcached:1.6.21',
    result: result('1.6.21', 'none', null, { patch: null, minor: null, major: null }),
    runsOn: new GraphBuilder()
      .chain(
        {
          id: 'docker:laptop/image/memcached',
          kind: 'image',
          platform: 'docker:laptop',
          name: 'memcached',
          reference: 'docker.io/library/memcached:1.6.21',
        },
        {
          id: 'docker:laptop/container/cache',
          kind: 'container',
          platform: 'docker:laptop',
          name: 'cache',
          role: 'container',
          state: 'running',
        },
        {
          id: 'docker:laptop/docker-host/laptop',
          kind: 'docker-host',
          platform: 'docker:laptop',
          name: 'laptop',
          endpoint: 'unix:///var/run/docker.sock',
        },
      )
      .build(),
  };
  return [...images, memcached];
}

export function earlierComparison(): ReportComparison {
  return {
    kind: 'report',
    earlier: buildReport(fixedSource(earlierImages()), { ...fixedRequest(), generatedAt: EARLIER_AT }),
  };
}
