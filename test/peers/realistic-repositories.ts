// Repositories shaped like the ones people run (nginx, node, postgres, redis on Docker Hub): tens
// to hundreds of tags per repository, mixing full versions, floating `1.27` / `1` tags, variant
// suffixes (`-alpine`, `-bookworm`), prereleases (`1.28.0rc1`, `-rc.1`), date tags (`2024.01.15`,
// `20240115`), commit tags (`sha-0a1b2c3`, `0a1b2c3`) and words (`latest`, `stable`, `edge`).
// Deterministic: repository `n` always gets the same tags, so benchmarks compare like with like.
// Pure (no I/O); seed.ts pushes them.
import { seededRandom } from '../../internal/version/fixtures/random-tags.js';

export interface RealisticRepository {
  readonly repository: string;
  /** Every tag, in the (unsorted) order a registry might list them. */
  readonly tags: readonly string[];
  /** The tag that runs: an older full version, with newer patches, minors and majors in `tags`. */
  readonly runningTag: string;
  /** Whether the images are two-platform indexes (linux/amd64 + linux/arm64) rather than single manifests. */
  readonly multiPlatform: boolean;
  /** Whether the running tag was re-pushed since the running image was pulled (its digest is gone from the tag). */
  readonly rebuilt: boolean;
}

export interface RealisticOptions {
  readonly prefix?: string;
  /** Tags per repository, drawn evenly between these (default 50 and 400). */
  readonly minTags?: number;
  readonly maxTags?: number;
}

const SUFFIXES = ['alpine', 'bookworm', 'slim', 'alpine3.20', 'perl'];
const WORDS = ['latest', 'stable', 'mainline', 'edge', 'main'];

/** `n` tags of one repository; `next()` is its random source. */
export function realisticTags(next: () => number, count: number): { tags: string[]; runningTag: string } {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const hex = (length: number) =>
    Array.from({ length }, () => '0123456789abcdef'[Math.floor(next() * 16)]).join('');
  const v = next() < 0.2 ? 'v' : '';
  const tags = new Set<string>();
  const add = (tag: string) => {
    if (tags.size < count) tags.add(tag);
  };
  // Full versions first: they are most of a real tag list and where the updates come from.
  const firstMajor = 1 + Math.floor(next() * 3);
  const versions: string[] = [];
  for (let major = firstMajor; versions.length < count * 0.55; major++) {
    const minors = 3 + Math.floor(next() * 10);
    for (let minor = 0; minor < minors && versions.length < count * 0.55; minor++) {
      const patches = 1 + Math.floor(next() * 10);
      for (let patch = 0; patch < patches; patch++) versions.push(`${major}.${minor}.${patch}`);
    }
  }
  const runningTag = `${v}${versions[Math.floor(versions.length * 0.3)] ?? `${firstMajor}.0.0`}`;
  for (const version of versions) add(`${v}${version}`);
  for (const version of versions) {
    const [major, minor] = version.split('.');
    add(`${v}${major}.${minor}`); // floating minor
    add(`${v}${major}`); // floating major
  }
  // Then the long tail, in proportions seen on Docker Hub's popular images.
  while (tags.size < count) {
    const version = pick(versions);
    const roll = next();
    if (roll < 0.45) add(`${v}${version}-${pick(SUFFIXES)}`);
    else if (roll < 0.55) add(`${v}${version.replace(/\.\d+$/, '')}-${pick(SUFFIXES)}`);
    else if (roll < 0.65) add(`${v}${version}rc${1 + Math.floor(next() * 3)}`);
    else if (roll < 0.7) add(`${v}${version}-rc.${1 + Math.floor(next() * 3)}`);
    else if (roll < 0.75) add(`${v}${version}b${1 + Math.floor(next() * 3)}`);
    else if (roll < 0.82) {
      const day = new Date(Date.UTC(2023, 0, 1) + Math.floor(next() * 900) * 86_400_000);
      const [yyyy, mm, dd] = day.toISOString().slice(0, 10).split('-');
      add(next() < 0.5 ? `${yyyy}.${mm}.${dd}` : `${yyyy}${mm}${dd}`);
    } else if (roll < 0.92) add(next() < 0.5 ? `sha-${hex(7)}` : hex(7));
    else add(pick(WORDS));
  }
  // Registries list tags in storage order, not version order.
  const shuffled = [...tags];
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j] as string, shuffled[i] as string];
  }
  return { tags: shuffled, runningTag };
}

/** Repository `index` of a realistic set: 20% two-platform indexes, 10% with the running tag rebuilt. */
export function realisticRepository(index: number, options: RealisticOptions = {}): RealisticRepository {
  const { prefix = 'realistic/app-', minTags = 50, maxTags = 400 } = options;
  const next = seededRandom(index + 1);
  const count = minTags + Math.floor(next() * (maxTags - minTags + 1));
  const { tags, runningTag } = realisticTags(next, count);
  return {
    repository: `${prefix}${String(index).padStart(4, '0')}`,
    tags,
    runningTag,
    multiPlatform: index % 5 === 4,
    rebuilt: index % 10 === 3,
  };
}
