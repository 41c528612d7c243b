import { describe, expect, it } from 'vitest';
import { runningImage } from './running-image.js';

const DIGEST = `sha256:${'d'.repeat(64)}`;

describe('runningImage', () => {
  it.each([
    ['docker-pullable://nginx@' + DIGEST, 'dockershim / cri-dockerd'],
    ['docker.io/library/nginx@' + DIGEST, 'containerd repository digest'],
    ['docker://nginx@' + DIGEST, 'docker:// prefix'],
  ])('takes the digest from imageID %s (%s)', (imageID) => {
    expect(runningImage('nginx:1.25', imageID)).toEqual({
      name: 'nginx:1.25',
      reference: `docker.io/library/nginx:1.25@${DIGEST}`,
    });
  });

  it('keeps the tag only for a bare sha256 image id, and says so', () => {
    const image = runningImage('registry.local:5000/team/app:2', DIGEST);
    expect(image.reference).toBe('registry.local:5000/team/app:2');
    expect(image.unresolvable).toContain(`"${DIGEST}"`);
  });

  it('adds the default tag only when the spec names neither tag nor digest', () => {
    expect(runningImage('busybox', undefined).reference).toBe('docker.io/library/busybox:latest');
    expect(runningImage(`busybox@${DIGEST}`, undefined).reference).toBe(
      `docker.io/library/busybox@${DIGEST}`,
    );
  });

  it('prefers the digest the spec pins over the one reported', () => {
    const other = `sha256:${'e'.repeat(64)}`;
    expect(runningImage(`nginx:1.25@${DIGEST}`, `nginx@${other}`).reference).toBe(
      `docker.io/library/nginx:1.25@${DIGEST}`,
    );
  });

  it('names an invalid spec image instead of throwing', () => {
    const image = runningImage('Not A Reference', undefined);
    expect(image.reference).toBeUndefined();
    expect(image.unresolvable).toMatch(/"Not A Reference" is not a valid reference/);
  });
});
