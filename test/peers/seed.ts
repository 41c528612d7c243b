import type { FakeRegistry } from '../fakes/fake-registry.js';
import { busyboxAvailable } from './busybox.js';
import { buildImage, hostPlatform } from './image-builder.js';
import type { ImagePlatform, ImageSpec, PushedImage, PushTarget } from './image-types.js';
import { deleteManifest, pushImage } from './images.js';
import type { RealisticRepository } from './realistic-repositories.js';
import { RegistrySession } from './registry-session.js';

// The standard fixture set integration tests share. Names and tags live here, once; digests are
// never hard-coded in tests: they read them from the SeededImages that seedStandard answers.

const AMD64: ImagePlatform = { os: 'linux', architecture: 'amd64' };
const ARM64: ImagePlatform = { os: 'linux', architecture: 'arm64', variant: 'v8' };

export const FIXTURE_SOURCE_URL = 'https://github.com/cupdate-fixtures/multi-oci';

interface FixtureDefinition {
  readonly repository: string;
  readonly format: ImageSpec['format'];
  readonly platforms: readonly ImagePlatform[];
  /** One image per entry, each tag in the entry pointing at it. */
  readonly images: readonly (readonly string[])[];
  /** OCI annotations; `org.opencontainers.image.version` is added per image. */
  readonly annotations?: Readonly<Record<string, string>>;
  readonly runnable?: true;
  /** Pushed, then deleted by digest: the repository exists with `{"tags": null}`. */
  readonly deleteAfterPush?: true;
}

export const STANDARD_FIXTURES = {
  /** OCI single-platform manifests; `latest` is `2.0.0`. */
  singleOci: {
    repository: 'fixtures/single-oci',
    format: 'oci',
    platforms: [AMD64],
    images: [
      ['1.0.0'],
      ['1.0.1'],
      ['1.1.0'],
      ['2.0.0', 'latest'],
      ['2.1.0-rc1'],
      ['1.0.1-alpine'],
      ['1.1.0-alpine'],
    ],
  },
  /** Docker schema 2 single-platform manifests. */
  singleDocker: {
    repository: 'fixtures/single-docker',
    format: 'docker',
    platforms: [AMD64],
    images: [['1.24'], ['1.25'], ['1.26']],
  },
  /** OCI indexes (amd64 + arm64/v8) annotated with a source repository. */
  multiOci: {
    repository: 'fixtures/multi-oci',
    format: 'oci',
    platforms: [AMD64, ARM64],
    images: [['1.24.0'], ['1.25.0'], ['1.25.1'], ['1.26.0']],
    annotations: { 'org.opencontainers.image.source': FIXTURE_SOURCE_URL },
  },
  /** Docker manifest lists (amd64 + arm64/v8); `latest` is `3.20`. */
  multiDocker: {
    repository: 'fixtures/multi-docker',
    format: 'docker',
    platforms: [AMD64, ARM64],
    images: [['3.18'], ['3.19'], ['3.20', 'latest']],
  },
  /** Busybox for the host platform, `cmd ["sleep","3600"]`: dockerd and podman can run it. */
  runnable: {
    repository: 'fixtures/runnable',
    format: 'oci',
    platforms: [hostPlatform()],
    images: [['1.0'], ['1.1']],
    runnable: true,
  },
  /** Every tag deleted: `/tags/list` answers `{"tags": null}`. */
  empty: {
    repository: 'fixtures/empty',
    format: 'oci',
    platforms: [AMD64],
    images: [['gone']],
    deleteAfterPush: true,
  },
} as const satisfies Record<string, FixtureDefinition>;

export type FixtureName = keyof typeof STANDARD_FIXTURES;

type TagOf<F extends FixtureDefinition> = F extends { deleteAfterPush: true }
  ? never
  : F['images'][number][number];

export interface SeededRepository<Tag extends string = string> {
  readonly repository: string;
  /** Every live tag → the image it points at. */
  readonly tags: Readonly<Record<Tag, PushedImage>>;
  /** Images pushed and then deleted (the `empty` fixture). */
  readonly deleted: readonly PushedImage[];
}

export type SeededImages = {
  readonly [K in Exclude<FixtureName, 'runnable'>]: SeededRepository<TagOf<(typeof STANDARD_FIXTURES)[K]>>;
} & {
  /** Absent when no static busybox is installed (see busyboxAvailable()). */
  readonly runnable?: SeededRepository<TagOf<(typeof STANDARD_FIXTURES)['runnable']>>;
};

/** The ImageSpec of one fixture image; labels and the salt come from its first tag. */
function specFor(fixture: FixtureDefinition, firstTag: string): ImageSpec {
  const version = { 'org.opencontainers.image.version': firstTag };
  return {
    format: fixture.format,
    platforms: fixture.platforms,
    labels: { ...version, 'org.opencontainers.image.title': fixture.repository },
    ...(fixture.annotations ? { annotations: { ...fixture.annotations, ...version } } : {}),
    ...(fixture.runnable ? { runnable: true } : {}),
    salt: firstTag,
  };
}

async function seedFixture(target: PushTarget, fixture: FixtureDefinition): Promise<SeededRepository> {
  const tags: Record<string, PushedImage> = {};
  const deleted: PushedImage[] = [];
  for (const imageTags of fixture.images) {
    const [firstTag = 'untagged'] = imageTags;
    const pushed = await pushImage(target, fixture.repository, imageTags, specFor(fixture, firstTag));
    if (fixture.deleteAfterPush) {
      await deleteManifest(target, fixture.repository, pushed.digest);
      deleted.push(pushed);
    } else {
      for (const tag of imageTags) tags[tag] = pushed;
    }
  }
  return { repository: fixture.repository, tags, deleted };
}

/** Pushes the standard fixtures (the runnable one only when a static busybox is installed). */
export async function seedStandard(target: PushTarget): Promise<SeededImages> {
  const names = (Object.keys(STANDARD_FIXTURES) as FixtureName[]).filter(
    (name) => name !== 'runnable' || busyboxAvailable() === null,
  );
  const seeded = await Promise.all(names.map((name) => seedFixture(target, STANDARD_FIXTURES[name])));
  // The mapped type cannot follow Object.fromEntries; the keys are exactly `names`.
  return Object.fromEntries(names.map((name, index) => [name, seeded[index]])) as SeededImages;
}

export interface ManyRepositoriesOptions {
  /** How many repositories: `${prefix}0000` … */
  readonly count: number;
  readonly prefix?: string;
  /** One single-platform OCI image per tag; the same in every repository. */
  readonly tags?: readonly string[];
  /** Repositories pushed at once. */
  readonly concurrency?: number;
}

/**
 * Seeds many small repositories for scale tests and benchmarks. Every repository holds the same
 * images, so after the first one every blob is mounted, never uploaded again.
 */
export async function seedManyRepositories(
  target: PushTarget,
  options: ManyRepositoriesOptions,
): Promise<string[]> {
  const { count, prefix = 'many/repo-', tags = ['1.0.0', '1.1.0', '2.0.0'], concurrency = 4 } = options;
  const repositories = Array.from(
    { length: count },
    (_, index) => `${prefix}${String(index).padStart(4, '0')}`,
  );
  const pushRepository = async (repository: string) => {
    for (const tag of tags)
      await pushImage(target, repository, [tag], { format: 'oci', platforms: [AMD64], salt: tag });
  };
  // The first repository uploads the blobs; the rest mount them.
  const [first, ...rest] = repositories;
  if (first !== undefined) await pushRepository(first);
  let next = 0;
  const worker = async () => {
    while (next < rest.length) {
      const repository = rest[next];
      next += 1;
      if (repository !== undefined) await pushRepository(repository);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return repositories;
}

/** What a running image of a realistic repository is: its reference (without the registry) and tags. */
export interface SeededRealistic {
  readonly repository: RealisticRepository;
  /** `<repository>:<running tag>@<running digest>`, as a platform reports an image it runs. */
  readonly running: string;
  /** What the running tag points at now (the running digest, unless the repository was rebuilt). */
  readonly tagDigest: string;
}

/** The images a realistic repository holds; the same in every repository, so blobs are mounted. */
function realisticSpecs(repository: RealisticRepository) {
  const platforms = repository.multiPlatform ? [AMD64, ARM64] : [AMD64];
  const spec = (salt: string): ImageSpec => ({ format: 'oci', platforms, salt: `realistic-${salt}` });
  return { running: spec('running'), rebuilt: spec('rebuilt'), newest: spec('newest') };
}

/**
 * Pushes a realistic repository (realistic-repositories.ts): the running image under its tag (or,
 * when the repository was rebuilt, by digest only, with the tag on a rebuild), and one newer image
 * under every other tag. Tags are manifest PUTs, `concurrency` at a time: the blobs are pushed once.
 */
export async function seedRealisticRepository(
  target: PushTarget,
  repository: RealisticRepository,
  concurrency = 8,
): Promise<SeededRealistic> {
  const specs = realisticSpecs(repository);
  const name = repository.repository;
  const running = await pushImage(
    target,
    name,
    repository.rebuilt ? [] : [repository.runningTag],
    specs.running,
  );
  const tagged = repository.rebuilt
    ? await pushImage(target, name, [repository.runningTag], specs.rebuilt)
    : running;
  const others = repository.tags.filter((tag) => tag !== repository.runningTag);
  const [first, ...rest] = others;
  if (first !== undefined) await pushImage(target, name, [first], specs.newest);
  const newest = buildImage(specs.newest);
  const session = new RegistrySession(target);
  let next = 0;
  const worker = async () => {
    while (next < rest.length) {
      const tag = rest[next++] as string;
      await session.putManifest(name, tag, newest.mediaType, newest.bytes, newest.digest);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return {
    repository,
    running: `${name}:${repository.runningTag}@${running.digest}`,
    tagDigest: tagged.digest,
  };
}

/** The same repository in the fake registry (test/fakes/fake-registry.ts), which pages tag lists. */
export function seedRealisticFake(fake: FakeRegistry, repository: RealisticRepository): SeededRealistic {
  const specs = realisticSpecs(repository);
  const name = repository.repository;
  const put = (spec: ImageSpec, tag?: string): string => {
    const image = buildImage(spec);
    for (const manifest of image.manifests) fake.putBlob(manifest.config.bytes);
    if (image.manifests.length > 1) {
      for (const manifest of image.manifests) {
        fake.putManifest(name, manifest.mediaType, JSON.parse(manifest.bytes.toString('utf8')) as object);
      }
    }
    return fake.putManifest(name, image.mediaType, JSON.parse(image.bytes.toString('utf8')) as object, tag);
  };
  const running = put(specs.running, repository.rebuilt ? undefined : repository.runningTag);
  const tagDigest = repository.rebuilt ? put(specs.rebuilt, repository.runningTag) : running;
  for (const tag of repository.tags) if (tag !== repository.runningTag) put(specs.newest, tag);
  fake.setTags(name, repository.tags);
  return { repository, running: `${name}:${repository.runningTag}@${running}`, tagDigest };
}
