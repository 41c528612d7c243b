import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toMatchExpression } from './image-list.js';
import { openStore, type Store } from './store.js';
import { dockerGraph, processedDone } from './testing/sample-data.js';
import type { UpdateKind } from '../model/image.js';
import type { ListImagesQuery } from '../model/image-query.js';

// Five checked images (one per update kind), one never checked.
const IMAGES: Record<string, { kind: UpdateKind; tags: string[]; description: string } | null> = {
  'docker.io/library/nginx:1.25': {
    kind: 'minor',
    tags: ['outdated', 'bump:minor', 'namespace:web', 'github'],
    description: 'Official build of Nginx, a web server',
  },
  'docker.io/library/postgres:15': {
    kind: 'major',
    tags: ['outdated', 'bump:major', 'namespace:db'],
    description: 'The PostgreSQL object-relational database',
  },
  'ghcr.io/acme/api:2.3.1': {
    kind: 'patch',
    tags: ['outdated', 'bump:patch', 'namespace:web', 'github'],
    description: 'ACME API server',
  },
  'quay.io/prometheus/node-exporter:latest': {
    kind: 'digest',
    tags: ['outdated', 'namespace:monitoring'],
    description: 'Exporter for machine metrics',
  },
  'docker.io/library/redis:7.2': {
    kind: 'none',
    tags: ['up-to-date', 'namespace:db'],
    description: 'An in-memory data store',
  },
  'registry.example/unchecked:1': null,
};

let store: Store;
beforeAll(() => {
  store = openStore(':memory:');
  const { nodes, edges } = dockerGraph('docker:a', Object.keys(IMAGES));
  store.replacePlatformGraph('docker:a', nodes, edges);
  for (const [reference, check] of Object.entries(IMAGES)) {
    if (check === null) continue;
    store.saveProcessed(
      processedDone(reference, check.kind, { tags: check.tags, description: check.description }),
    );
  }
});
afterAll(() => store.close());

const BASE: ListImagesQuery = { sort: 'name', order: 'asc', limit: 100, offset: 0 };
function references(query: Partial<ListImagesQuery>): string[] {
  return store.listImages({ ...BASE, ...query }).items.map((item) => item.reference);
}

describe('listImages', () => {
  it('sorts by name both ways', () => {
    const names = Object.keys(IMAGES).sort();
    expect(references({})).toEqual(names);
    expect(references({ order: 'desc' })).toEqual([...names].reverse());
  });

  it('sorts by update size: major > minor > patch > digest > none > not checked', () => {
    expect(references({ sort: 'update', order: 'desc' })).toEqual([
      'docker.io/library/postgres:15',
      'docker.io/library/nginx:1.25',
      'ghcr.io/acme/api:2.3.1',
      'quay.io/prometheus/node-exporter:latest',
      'docker.io/library/redis:7.2',
      'registry.example/unchecked:1',
    ]);
    expect(references({ sort: 'update', order: 'asc' })[0]).toBe('registry.example/unchecked:1');
  });

  it('pages with a total that ignores limit and offset', () => {
    const first = store.listImages({ ...BASE, limit: 2, offset: 0 });
    const third = store.listImages({ ...BASE, limit: 2, offset: 4 });
    const beyond = store.listImages({ ...BASE, limit: 2, offset: 10 });
    expect([first.total, third.total, beyond.total]).toEqual([6, 6, 6]);
    expect(
      [...first.items, ...store.listImages({ ...BASE, limit: 2, offset: 2 }).items, ...third.items].map(
        (i) => i.reference,
      ),
    ).toEqual(references({}));
    expect(beyond.items).toEqual([]);
  });

  it('filters by tags: all, any, none, and their combination', () => {
    expect(references({ tags: { all: ['outdated', 'github'] } })).toEqual([
      'docker.io/library/nginx:1.25',
      'ghcr.io/acme/api:2.3.1',
    ]);
    expect(references({ tags: { any: ['bump:major', 'bump:patch'] } })).toEqual([
      'docker.io/library/postgres:15',
      'ghcr.io/acme/api:2.3.1',
    ]);
    expect(references({ tags: { none: ['outdated'] } })).toEqual([
      'docker.io/library/redis:7.2',
      'registry.example/unchecked:1',
    ]);
    expect(
      references({ tags: { all: ['outdated'], any: ['namespace:web', 'namespace:db'], none: ['github'] } }),
    ).toEqual(['docker.io/library/postgres:15']);
    expect(references({ tags: { all: ['outdated', 'outdated'] } })).toHaveLength(4); // repeats count once
    expect(references({ tags: { all: ['no-such-tag'] } })).toEqual([]);
  });

  it('searches references, descriptions and release note titles by word prefix', () => {
    expect(references({ query: 'nginx' })).toEqual(['docker.io/library/nginx:1.25']);
    expect(references({ query: 'postg' })).toEqual(['docker.io/library/postgres:15']);
    expect(references({ query: 'server' })).toEqual([
      'docker.io/library/nginx:1.25',
      'ghcr.io/acme/api:2.3.1',
    ]);
    expect(references({ query: 'web server' })).toEqual(['docker.io/library/nginx:1.25']); // every word must match
    expect(references({ query: 'Release 1.1' })).toHaveLength(5); // note titles of every checked image
    expect(references({ query: 'ghcr.io/acme' })).toEqual(['ghcr.io/acme/api:2.3.1']);
    expect(references({ query: 'server', tags: { none: ['github'] } })).toEqual([]); // both servers are on GitHub
  });

  it('treats FTS5 syntax in the query as plain words', () => {
    for (const query of ['"', 'nginx"', 'NEAR(', 'reference:nginx', '*', 'a AND OR', '-x', '^']) {
      expect(() => store.listImages({ ...BASE, query })).not.toThrow();
    }
    expect(references({ query: 'reference:nginx' })).toEqual([]); // "reference"* and "nginx"*: no image has both words
    expect(references({ query: ' ::: ' })).toHaveLength(6); // no words: no text filter
    expect(toMatchExpression('nginx 1.25 "x')).toBe('"nginx"* "1"* "25"* "x"*');
  });

  it('returns list items with tags, update and vulnerability count', () => {
    const [item] = store.listImages({ ...BASE, query: 'postgres' }).items;
    expect(item).toMatchObject({
      status: 'done',
      tags: ['bump:major', 'namespace:db', 'outdated'],
      update: { kind: 'major', latestReference: 'docker.io/library/postgres:2.0.0' },
      vulnerabilityCount: 0,
    });
    expect(store.listImages({ ...BASE, query: 'unchecked' }).items[0]).toMatchObject({
      status: 'pending',
      update: null,
      tags: [],
    });
  });

  it('refuses a limit outside 1..1000 or a negative offset, naming the input', () => {
    expect(() => store.listImages({ ...BASE, limit: 0 })).toThrow(
      /listImages limit must be a whole number from 1 to 1000, got 0/,
    );
    expect(() => store.listImages({ ...BASE, limit: 1.5 })).toThrow(/listImages limit/);
    expect(() => store.listImages({ ...BASE, offset: -1 })).toThrow(/listImages offset/);
  });
});
