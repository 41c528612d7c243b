import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeGitLab, type FakeGitLab } from '../../test/fakes/fake-gitlab.js';
import { fakeSourceContext } from '../../test/fakes/fake-json-api.js';
import type { ManualClock } from '../http/testing/manual-clock.js';
import { gitlabEnrichment, type GitLabInput } from './gitlab.js';
import { parseRepositoryUrl } from './source-repository.js';
import { SourceError, type SourceContext } from './types.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2025, 0, 1);
// 250 releases 1.0.0 … 1.249.0, one a day, listed newest first; every other one tagged with a `v`.
const RELEASES = Array.from({ length: 250 }, (_, i) => {
  const minor = 249 - i;
  return {
    tag_name: `${minor % 2 === 0 ? 'v' : ''}1.${minor}.0`,
    name: `Release 1.${minor}.0`,
    description: `## Changes in 1.${minor}.0\n\n<img src=x onerror=alert(1)>`,
    released_at: new Date(T0 + minor * DAY).toISOString(),
    // A release announced for the future is not a release yet.
    ...(minor === 144 ? { upcoming_release: true } : {}),
  };
});

describe('GitLab source against a fake GitLab', () => {
  let gitlab: FakeGitLab;
  let clock: ManualClock;
  let ctx: SourceContext;
  const repository = parseRepositoryUrl('https://gitlab.com/group/sub/app')!;
  const input: GitLabInput = { repository, currentTag: '1.140.0-alpine', candidateTag: 'v1.146.0-alpine' };

  beforeAll(async () => {
    gitlab = await startFakeGitLab();
    gitlab.projects.set('group/sub/app', {
      id: 4242,
      path_with_namespace: 'group/sub/app',
      description: 'An *app*',
      topics: ['containers', 'go'],
      license: {
        key: 'mit',
        name: 'MIT License',
        html_url: 'https://gitlab.com/group/sub/app/-/blob/main/LICENSE',
      },
      releases: RELEASES,
    });
  });
  afterAll(async () => gitlab.stop());
  beforeEach(() => {
    ({ ctx, clock } = fakeSourceContext({ gitlab: gitlab.origin }));
    gitlab.behaviour = 'normal';
    gitlab.linkHeader = false;
    gitlab.requests.length = 0;
  });
  afterEach(async () => ctx.http.close());

  it('fake GitLab: reads the project and the notes after the current version up to the candidate, newest first', async () => {
    const result = await gitlabEnrichment(ctx, input);
    expect(result.description).toEqual({ format: 'markdown', body: 'An *app*', source: 'gitlab' });
    expect(result.project).toEqual({
      id: 4242,
      webUrl: `${gitlab.origin}/group/sub/app`,
      topics: ['containers', 'go'],
      license: 'MIT License',
    });
    expect(result.links).toEqual([
      { type: 'source', url: `${gitlab.origin}/group/sub/app` },
      { type: 'license', url: 'https://gitlab.com/group/sub/app/-/blob/main/LICENSE' },
    ]);
    expect(result.tags).toEqual(['gitlab']);
    expect(result.releaseNotes?.map((n) => n.version)).toEqual([
      'v1.146.0',
      '1.145.0',
      '1.143.0',
      'v1.142.0',
      '1.141.0',
    ]);
    expect(result.releaseNotes?.[0]).toEqual({
      version: 'v1.146.0',
      title: 'Release 1.146.0',
      body: '## Changes in 1.146.0\n\n<img src=x onerror=alert(1)>',
      publishedAt: T0 + 146 * DAY,
      url: `${gitlab.origin}/group/sub/app/-/releases/v1.146.0`,
    });
    expect(gitlab.requests[0]?.url).toBe('/api/v4/projects/group%2Fsub%2Fapp?license=true');
  });

  it.each([false, true])(
    'fake GitLab: pages with X-Next-Page (Link header: %s) and stops at the page holding the current release',
    async (linkHeader) => {
      gitlab.linkHeader = linkHeader;
      const result = await gitlabEnrichment(ctx, input);
      expect(result.releaseNotes).toHaveLength(5);
      // 1.140.0 is on page 2 of 100; page 3 holds only older releases and is not asked for.
      expect(
        gitlab.requests.slice(1).map((r) => new URL(r.url, gitlab.origin).searchParams.get('page')),
      ).toEqual([null, '2']);
    },
  );

  it('fake GitLab: no notes when the tags are not versions, without asking for releases', async () => {
    const result = await gitlabEnrichment(ctx, { ...input, currentTag: 'latest' });
    expect(result.releaseNotes).toEqual([]);
    expect(gitlab.requests).toHaveLength(1);
  });

  it('fake GitLab: a second call after the TTL is served by 304 revalidations', async () => {
    const first = await gitlabEnrichment(ctx, input);
    clock.advance(2 * 60 * 60 * 1000);
    const second = await gitlabEnrichment(ctx, input);
    expect(second).toEqual(first);
    expect(gitlab.requests.map((r) => r.status)).toEqual([200, 200, 200, 304, 304, 304]);
  });

  it.each([429, 403] as const)(
    'fake GitLab: a %s with RateLimit-Reset says when the limit resets',
    async (status) => {
      gitlab.behaviour = 'rate-limited';
      gitlab.rateLimitStatus = status;
      gitlab.rateLimitResetAt = Math.floor(Date.now() / 1000) + 3600;
      const error = await gitlabEnrichment(ctx, input).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SourceError);
      expect((error as SourceError).message).toContain('failed: gitlab rate limit reached');
      const resetsAt = Date.parse(/resets at (\S+);/.exec((error as Error).message)?.[1] ?? '');
      expect(Math.abs(resetsAt - gitlab.rateLimitResetAt * 1000)).toBeLessThanOrEqual(2_000);
    },
  );

  it('fake GitLab: an unknown project is skipped with a reason', async () => {
    const missing = parseRepositoryUrl('https://gitlab.com/nobody/nothing')!;
    await expect(gitlabEnrichment(ctx, { ...input, repository: missing })).rejects.toThrow(
      /^skipped: no such GitLab project nobody\/nothing \(404 from http:\/\/127\.0\.0\.1:\d+\/api\/v4\/projects\/nobody%2Fnothing\)$/,
    );
  });

  it('fake GitLab: garbage fails naming the URL', async () => {
    gitlab.behaviour = 'garbage';
    await expect(gitlabEnrichment(ctx, input)).rejects.toThrow(
      /GitLab project group\/sub\/app: malformed answer from http:\/\/127\.0\.0\.1:\d+\/api\/v4\/projects\/group%2Fsub%2Fapp \(the body is not JSON\)/,
    );
  });

  it('fake GitLab: a project without an id fails naming the URL', async () => {
    gitlab.behaviour = 'wrong-shape';
    await expect(gitlabEnrichment(ctx, input)).rejects.toThrow(
      /malformed answer from .*group%2Fsub%2Fapp \(no numeric "id"\)/,
    );
  });

  it('fake GitLab: sends a private token or a bearer token to GitLab and keeps it out of errors', async () => {
    await gitlabEnrichment(ctx, { ...input, auth: { privateToken: 'glpat-s3cret' } });
    expect(gitlab.requests.every((r) => r.headers['private-token'] === 'glpat-s3cret')).toBe(true);
    gitlab.requests.length = 0;
    gitlab.behaviour = 'garbage';
    const { ctx: fresh } = fakeSourceContext({ gitlab: gitlab.origin });
    const error = await gitlabEnrichment(fresh, { ...input, auth: { bearer: 'oauth-s3cret' } }).catch(
      (e: unknown) => e,
    );
    await fresh.http.close();
    expect(gitlab.requests[0]?.headers.authorization).toBe('Bearer oauth-s3cret');
    expect(`${String(error)} ${JSON.stringify(error)}`).not.toContain('s3cret');
  });

  it('is skipped for a repository that is not on GitLab, without a request', async () => {
    const github = parseRepositoryUrl('https://github.com/o/r')!;
    await expect(gitlabEnrichment(ctx, { ...input, repository: github })).rejects.toThrow(
      'skipped: https://github.com/o/r is not on GitLab',
    );
    expect(gitlab.requests).toHaveLength(0);
  });
});
