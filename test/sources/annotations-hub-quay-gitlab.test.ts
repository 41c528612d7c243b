// From a real registry's annotations and labels to release notes: what the pipeline will chain
// after its `oci` job. The images are pushed to Debian's docker-registry (distribution 2.8) and read
// back with the app's RegistryClient; the GitLab API is the fake GitLab (no GitLab runs here).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient } from '../../internal/http/client.js';
import { RegistryClient } from '../../internal/oci/client.js';
import { parseReference } from '../../internal/oci/reference.js';
import { annotationsEnrichment, type ImageMetadata } from '../../internal/sources/annotations.js';
import { gitlabEnrichment } from '../../internal/sources/gitlab.js';
import { mergeLinks } from '../../internal/sources/links.js';
import { findSourceRepository } from '../../internal/sources/source-repository.js';
import { fakeSourceContext } from '../fakes/fake-json-api.js';
import { startFakeGitLab, type FakeGitLab } from '../fakes/fake-gitlab.js';
import { pushImage } from '../peers/images.js';
import { registryAvailable, startRegistry, type RegistryPeer } from '../peers/registry.js';

const unavailable = registryAvailable('none');
const PLATFORM = { os: 'linux', architecture: 'amd64' } as const;

describe.skipIf(unavailable !== null)(
  `OCI annotations → source repository → GitLab release notes, real registry and fake GitLab${unavailable === null ? '' : ` (skipped: ${unavailable})`}`,
  () => {
    let registry: RegistryPeer;
    let gitlab: FakeGitLab;

    beforeAll(async () => {
      registry = await startRegistry({ auth: 'none' });
      gitlab = await startFakeGitLab();
      for (const [tag, created, description] of [
        ['1.0.0', '2026-01-01T00:00:00Z', 'App one'],
        ['1.2.0', '2026-03-01T00:00:00Z', 'App two'],
      ] as const) {
        await pushImage({ url: registry.url }, 'acme/app', [tag], {
          format: 'oci',
          platforms: [PLATFORM],
          salt: tag,
          annotations: {
            'org.opencontainers.image.source': 'git@gitlab.com:acme/app.git',
            'org.opencontainers.image.created': created,
            'org.opencontainers.image.description': description,
          },
          labels: { 'org.label-schema.url': 'https://acme.example/app' },
        });
      }
      gitlab.projects.set('acme/app', {
        id: 7,
        path_with_namespace: 'acme/app',
        description: 'Acme app',
        topics: [],
        license: null,
        releases: ['v1.2.0', 'v1.1.0', 'v1.0.0'].map((tag, i) => ({
          tag_name: tag,
          name: tag,
          description: `notes ${tag}`,
          released_at: new Date(Date.UTC(2026, 2 - i, 1)).toISOString(),
        })),
      });
    });
    afterAll(async () => {
      await gitlab?.stop();
      await registry?.stop();
    });

    async function metadataOf(client: RegistryClient, reference: string): Promise<ImageMetadata> {
      const image = parseReference(reference);
      const { manifest } = await client.getPlatformManifest(image, image.tag ?? 'latest', PLATFORM);
      const config = await client.getImageConfig(image, manifest);
      return { annotations: manifest.annotations, labels: config.labels };
    }

    it('reads what the images say, finds their GitLab project and its notes between the tags', async () => {
      const http = new HttpClient();
      const client = new RegistryClient({ http });
      const current = await metadataOf(client, `${registry.host}/acme/app:1.0.0`);
      const candidate = await metadataOf(client, `${registry.host}/acme/app:1.2.0`);
      await http.close();

      const annotations = annotationsEnrichment({
        current,
        currentTag: '1.0.0',
        candidate,
        candidateTag: '1.2.0',
      });
      expect(annotations.enrichment.description?.body).toBe('App two');
      expect(annotations.enrichment.releaseDates).toEqual({
        '1.0.0': Date.parse('2026-01-01T00:00:00Z'),
        '1.2.0': Date.parse('2026-03-01T00:00:00Z'),
      });

      const repository = findSourceRepository({ reference: `${registry.host}/acme/app:1.2.0`, ...candidate });
      expect(repository).toEqual({
        host: 'gitlab',
        owner: 'acme',
        repo: 'app',
        url: 'https://gitlab.com/acme/app',
      });

      const { ctx } = fakeSourceContext({ gitlab: gitlab.origin });
      const forge = await gitlabEnrichment(ctx, {
        repository: repository!,
        currentTag: '1.0.0',
        candidateTag: '1.2.0',
      });
      await ctx.http.close();
      expect(forge.releaseNotes?.map((note) => [note.version, note.body])).toEqual([
        ['v1.2.0', 'notes v1.2.0'],
        ['v1.1.0', 'notes v1.1.0'],
      ]);
      expect(mergeLinks(annotations.enrichment.links, forge.links)).toEqual([
        { type: 'source', url: 'https://gitlab.com/acme/app' },
        { type: 'homepage', url: 'https://acme.example/app' },
        { type: 'source', url: `${gitlab.origin}/acme/app` },
      ]);
    });
  },
);
