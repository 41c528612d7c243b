import { afterEach, describe, expect, it } from 'vitest';
import { HttpClient } from '../../internal/http/client.js';
import { ManualClock } from '../../internal/http/testing/manual-clock.js';
import { githubEnrichment, GithubToken } from '../../internal/sources/github.js';
import type { GithubSourceInput } from '../../internal/sources/github.js';
import { defaultEndpoints, SourceError } from '../../internal/sources/types.js';
import type { SourceContext } from '../../internal/sources/types.js';
import { startFakeGithub } from '../fakes/fake-github.js';
import type { FakeGithub, FakeRepository } from '../fakes/fake-github.js';

const APP: FakeRepository = {
  owner: 'acme',
  name: 'app',
  description: 'The app.',
  homepage: 'https://app.example',
  topics: ['containers'],
  spdx: 'MIT',
  readme: '# App\n\n<script>alert(1)</script> stored as received',
  releases: [
    { tag: 'v1.5.0', name: 'App 1.5.0', body: '## 1.5.0\n- faster', publishedAt: '2026-05-01T10:00:00Z' },
    { tag: 'v1.5.0-rc.1', body: 'release candidate', publishedAt: '2026-04-20T10:00:00Z' },
    { tag: 'v1.4.1', body: '## 1.4.1\n- fix', publishedAt: '2026-04-01T10:00:00Z' },
    { tag: 'v1.4.0', body: '## 1.4.0', publishedAt: '2026-03-01T10:00:00Z' },
    { tag: 'v1.3.0', name: '', body: '## 1.3.0', publishedAt: '2026-02-01T10:00:00Z' },
    { tag: 'v1.2.0', body: '## 1.2.0', publishedAt: '2026-01-01T10:00:00Z' },
    { tag: 'v1.1.0', publishedAt: '2025-12-01T10:00:00Z' },
    { tag: 'v1.0.0', publishedAt: '2025-11-01T10:00:00Z' },
  ],
};
const MONO: FakeRepository = {
  owner: 'acme',
  name: 'mono',
  releases: [
    { tag: 'worker-v2.0.0', body: 'worker' },
    { tag: 'app-v1.1.0', body: 'app 1.1.0' },
    { tag: 'worker-v1.0.0', body: 'worker' },
    { tag: 'app-v1.0.0', body: 'app 1.0.0' },
  ],
};
const BARE: FakeRepository = {
  owner: 'acme',
  name: 'bare',
  description: 'Only a description.',
  releases: [],
};

const INPUT: GithubSourceInput = {
  sourceUrl: 'https://github.com/acme/app',
  reference: 'ghcr.io/acme/app:1.2.0',
  currentTag: '1.2.0',
  candidateTag: '1.5.0',
  token: null,
};

let fake: FakeGithub | undefined;
let http: HttpClient | undefined;

afterEach(async () => {
  await http?.close();
  await fake?.stop();
  http = undefined;
  fake = undefined;
});

async function setup(
  options: { clock?: ManualClock } = {},
): Promise<{ fake: FakeGithub; ctx: SourceContext }> {
  fake = await startFakeGithub([APP, BARE, MONO]);
  fake.maxPerPage = 3;
  http = new HttpClient(options.clock ? { now: options.clock.now, sleep: options.clock.sleep } : {});
  return { fake, ctx: { http, endpoints: { ...defaultEndpoints, github: fake.url } } };
}

async function sourceError(promise: Promise<unknown>): Promise<SourceError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(SourceError);
  return error as SourceError;
}

describe('GitHub source against a fake GitHub REST API', () => {
  it('fake GitHub: 1.2.0 → 1.5.0 gets notes for 1.5.0, 1.4.1, 1.4.0 and 1.3.0 across two pages, and stops paging', async () => {
    const { fake, ctx } = await setup();
    const result = await githubEnrichment(ctx, INPUT);

    expect(result.releaseNotes?.map((note) => note.version)).toEqual([
      'v1.5.0',
      'v1.4.1',
      'v1.4.0',
      'v1.3.0',
    ]);
    expect(result.releaseNotes?.[0]).toEqual({
      version: 'v1.5.0',
      title: 'App 1.5.0',
      body: '## 1.5.0\n- faster',
      publishedAt: Date.parse('2026-05-01T10:00:00Z'),
      url: 'https://github.com/acme/app/releases/tag/v1.5.0',
    });
    expect(result.releaseNotes?.[3]?.title).toBe('v1.3.0'); // an empty name falls back to the tag
    expect(result.releaseDates).toMatchObject({ 'v1.5.0': Date.parse('2026-05-01T10:00:00Z') });

    const releasePages = fake.requests.filter((r) => r.path.includes('/releases'));
    expect(releasePages.map((r) => r.path)).toEqual([
      '/repos/acme/app/releases?per_page=100',
      '/repositories/1000/releases?per_page=3&page=2', // the Link header's next page
    ]);
    expect(fake.requests.every((r) => r.authorization === undefined)).toBe(true);
    expect(fake.requests.every((r) => r.accept?.startsWith('application/vnd.github'))).toBe(true);
  });

  it('fake GitHub: repository, README and links: description is the README markdown as received', async () => {
    const { ctx } = await setup();
    const result = await githubEnrichment(ctx, INPUT);
    expect(result.description).toEqual({ format: 'markdown', body: APP.readme, source: 'github' });
    expect(result.links).toEqual([
      { type: 'source', url: 'https://github.com/acme/app' },
      { type: 'releases', url: 'https://github.com/acme/app/releases' },
      { type: 'issues', url: 'https://github.com/acme/app/issues' },
      { type: 'homepage', url: 'https://app.example' },
      { type: 'compare', url: 'https://github.com/acme/app/compare/v1.2.0...v1.5.0' },
    ]);
    expect(result.tags).toEqual(['github', 'license:MIT']);
    expect(result.repository).toEqual({
      fullName: 'acme/app',
      htmlUrl: 'https://github.com/acme/app',
      description: 'The app.',
      homepage: 'https://app.example',
      topics: ['containers'],
      license: 'MIT',
      defaultBranch: 'main',
      hasIssues: true,
    });
  });

  it('fake GitHub: without a README the repository description is used, and no releases means no notes', async () => {
    const { ctx } = await setup();
    const result = await githubEnrichment(ctx, { ...INPUT, sourceUrl: 'https://github.com/acme/bare' });
    expect(result.description).toEqual({ format: 'text', body: 'Only a description.', source: 'github' });
    expect(result.releaseNotes).toEqual([]);
    expect(result.links?.map((link) => link.type)).toEqual(['source', 'releases', 'issues']);
  });

  it('fake GitHub: monorepo tags of the image component (app-v1.1.0 for …/app), not of another component', async () => {
    const { ctx } = await setup();
    const result = await githubEnrichment(ctx, {
      ...INPUT,
      sourceUrl: 'https://github.com/acme/mono',
      reference: 'ghcr.io/acme/app:1.0.0',
      currentTag: '1.0.0',
      candidateTag: '1.1.0',
    });
    expect(result.releaseNotes?.map((note) => [note.version, note.body])).toEqual([
      ['app-v1.1.0', 'app 1.1.0'],
    ]);
    expect(result.links?.at(-1)).toEqual({
      type: 'compare',
      url: 'https://github.com/acme/mono/compare/app-v1.0.0...app-v1.1.0',
    });
  });

  it('fake GitHub: a running tag that is not a version (latest) asks for no releases', async () => {
    const { fake, ctx } = await setup();
    const result = await githubEnrichment(ctx, { ...INPUT, currentTag: 'latest' });
    expect(result.releaseNotes).toEqual([]);
    expect(fake.requests.map((r) => r.path)).toEqual(['/repos/acme/app', '/repos/acme/app/readme']);
  });

  it('fake GitHub: a re-check after the cache TTL is answered by 304s, which spend no budget with a token', async () => {
    const clock = new ManualClock({ start: Date.now() });
    const { fake, ctx } = await setup({ clock });
    const input = { ...INPUT, token: new GithubToken('ghp_test_secret', 'setting') };
    const first = await githubEnrichment(ctx, input);
    const sent = fake.requests.length;
    const remaining = fake.rateLimit.remaining;

    clock.advance(2 * 60 * 60 * 1000); // past the default one-hour TTL: revalidate
    const second = await githubEnrichment(ctx, input);
    const recheck = fake.requests.slice(sent);
    expect(recheck.length).toBe(sent);
    expect(recheck.every((r) => r.status === 304)).toBe(true);
    expect(fake.rateLimit.remaining).toBe(remaining);
    expect(second).toEqual(first);
    expect(ctx.http.stats().revalidated).toBe(sent);

    // Within the TTL nothing is sent at all.
    await githubEnrichment(ctx, input);
    expect(fake.requests.length).toBe(2 * sent);
  });

  it('fake GitHub: 404 repository → SourceError "skipped: no such GitHub repository"', async () => {
    const { fake, ctx } = await setup();
    const error = await sourceError(
      githubEnrichment(ctx, { ...INPUT, sourceUrl: 'https://github.com/acme/gone' }),
    );
    expect(error.source).toBe('github');
    expect(error.message).toMatch(/^skipped: no such GitHub repository acme\/gone /);
    expect(fake.requests.map((r) => r.path)).toEqual(['/repos/acme/gone']);
  });

  it('fake GitHub: a source URL off github.com is skipped without a request', async () => {
    const { fake, ctx } = await setup();
    const error = await sourceError(
      githubEnrichment(ctx, { ...INPUT, sourceUrl: 'https://gitlab.com/acme/app' }),
    );
    expect(error.message).toBe('skipped: https://gitlab.com/acme/app is not on github.com');
    const none = await sourceError(githubEnrichment(ctx, { ...INPUT, sourceUrl: null }));
    expect(none.message).toMatch(/^skipped: the image names no source repository/);
    expect(fake.requests).toEqual([]);
  });

  it.each([403, 429] as const)(
    'fake GitHub: %i rate limit with reset headers → SourceError with the reset time',
    async (status) => {
      const { fake, ctx } = await setup();
      fake.rateLimitStatus = status;
      fake.rateLimit.remaining = 0;
      const reset = new Date(fake.rateLimit.resetEpochSeconds * 1000).toISOString();
      const error = await sourceError(githubEnrichment(ctx, INPUT));
      expect(error.message).toBe(
        `failed: GitHub rate limit reached (60/hour without a token); resets at ${reset}; add a token in settings or GITHUB_TOKEN`,
      );
      expect(fake.requests.length).toBe(1);
    },
  );

  it('fake GitHub: once the budget is spent, no further request is sent until the reset', async () => {
    const { fake, ctx } = await setup();
    fake.rateLimit.remaining = 1; // the repository answer says remaining 0
    const error = await sourceError(githubEnrichment(ctx, INPUT));
    expect(error.message).toMatch(
      /^failed: GitHub rate limit reached \(60\/hour without a token\); resets at /,
    );
    const again = await sourceError(
      githubEnrichment(ctx, { ...INPUT, sourceUrl: 'https://github.com/acme/bare' }),
    );
    expect(again.message).toBe(error.message);
    expect(fake.requests.map((r) => r.path)).toEqual(['/repos/acme/app']);
  });

  it('fake GitHub: garbage JSON → SourceError naming the URL', async () => {
    const { fake, ctx } = await setup();
    fake.bodies.set('/repos/acme/app/releases', '<html>{"oops');
    const error = await sourceError(githubEnrichment(ctx, INPUT));
    expect(error.message).toBe(
      `failed: GitHub answered ${fake.url}/repos/acme/app/releases with a body that is not JSON; try again later`,
    );
    expect(error.cause).toBeInstanceOf(Error);
  });

  it('fake GitHub: JSON of another shape → SourceError naming the URL and what was expected', async () => {
    const { fake, ctx } = await setup();
    fake.bodies.set('/repos/acme/app', JSON.stringify({ message: 'not a repository' }));
    const error = await sourceError(githubEnrichment(ctx, INPUT));
    expect(error.message).toBe(
      `failed: GitHub answered ${fake.url}/repos/acme/app with JSON that is not a repository; try again later`,
    );
  });

  it('fake GitHub: a release list with a malformed release → SourceError naming the URL', async () => {
    const { fake, ctx } = await setup();
    fake.bodies.set('/repos/acme/app/releases', JSON.stringify([{ tag_name: 42 }]));
    const releases = await sourceError(githubEnrichment(ctx, INPUT));
    expect(releases.message).toMatch(/\/repos\/acme\/app\/releases with JSON that is not a list of releases/);
  });

  it('fake GitHub: the token goes to the API host only; a redirect to another origin drops it', async () => {
    const { fake, ctx } = await setup();
    fake.redirectElsewhere.add('/repos/acme/app/readme');
    const token = new GithubToken('ghp_test_secret', 'setting');
    const result = await githubEnrichment(ctx, { ...INPUT, token });

    expect(result.description?.body).toBe(APP.readme); // served by the other origin
    expect(fake.requests.length).toBeGreaterThan(2);
    expect(fake.requests.every((r) => r.authorization === 'Bearer ghp_test_secret')).toBe(true);
    expect(fake.otherOriginRequests.map((r) => [r.path, r.authorization])).toEqual([
      ['/repos/acme/app/readme', undefined],
    ]);
  });

  it('fake GitHub: a rejected token → SourceError that names where the token came from, never its value', async () => {
    const { fake, ctx } = await setup();
    fake.rejectTokens = true;
    const token = new GithubToken('ghp_wrong_secret', 'GITHUB_TOKEN');
    const error = await sourceError(githubEnrichment(ctx, { ...INPUT, token }));
    expect(error.message).toBe(
      `failed: GitHub rejected the GitHub token from GITHUB_TOKEN (401 on ${fake.url}/repos/acme/app); replace or remove the token`,
    );
    expect(JSON.stringify({ message: error.message, stack: error.stack })).not.toContain('ghp_wrong_secret');
  });

  it('fake GitHub: a next-page link to another origin is not followed (the token stays on the API host)', async () => {
    const { fake, ctx } = await setup();
    fake.pageLinksElsewhere = true;
    const token = new GithubToken('ghp_test_secret', 'setting');
    const result = await githubEnrichment(ctx, { ...INPUT, token });
    expect(result.releaseNotes?.map((note) => note.version)).toEqual(['v1.5.0', 'v1.4.1']);
    expect(fake.otherOriginRequests).toEqual([]);
  });

  it('fake GitHub: an API host that cannot be reached → SourceError naming the request', async () => {
    const { ctx } = await setup();
    const http = new HttpClient({ retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 } });
    try {
      const unreachable = { ...ctx, http, endpoints: { ...ctx.endpoints, github: 'http://127.0.0.1:1' } };
      const error = await sourceError(githubEnrichment(unreachable, INPUT));
      expect(error.message).toMatch(
        /^failed: GitHub request: GET http:\/\/127\.0\.0\.1:1\/repos\/acme\/app failed: /,
      );
      expect(error.cause).toBeInstanceOf(Error);
    } finally {
      await http.close();
    }
  });
});
