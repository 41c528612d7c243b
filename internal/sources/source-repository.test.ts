import { describe, expect, it } from 'vitest';
import { findSourceRepository, parseRepositoryUrl, type SourceRepository } from './source-repository.js';

const gh = (owner: string, repo: string): SourceRepository => ({
  host: 'github',
  owner,
  repo,
  url: `https://github.com/${owner}/${repo}`,
});

describe('parseRepositoryUrl', () => {
  it.each<[string, SourceRepository | null]>([
    ['https://github.com/nginx/nginx', gh('nginx', 'nginx')],
    ['https://github.com/nginx/nginx/', gh('nginx', 'nginx')],
    ['https://github.com/nginx/nginx.git', gh('nginx', 'nginx')],
    ['http://github.com/nginx/nginx', gh('nginx', 'nginx')],
    ['https://www.github.com/nginx/nginx', gh('nginx', 'nginx')],
    ['https://GitHub.com/Owner/Repo', gh('Owner', 'Repo')],
    ['git+https://github.com/owner/repo.git', gh('owner', 'repo')],
    ['git://github.com/owner/repo.git', gh('owner', 'repo')],
    ['ssh://git@github.com/owner/repo.git', gh('owner', 'repo')],
    ['git@github.com:owner/repo.git', gh('owner', 'repo')],
    ['github.com/owner/repo', gh('owner', 'repo')],
    ['  https://github.com/owner/repo  ', gh('owner', 'repo')],
    ['https://github.com/owner/repo/tree/main/images/app', gh('owner', 'repo')],
    ['https://github.com/owner/repo/blob/main/Dockerfile', gh('owner', 'repo')],
    ['https://github.com/owner/repo?tab=readme#usage', gh('owner', 'repo')],
    // Credentials a CI left in the URL are dropped.
    ['https://x-access-token:ghs_s3cret@github.com/owner/repo.git', gh('owner', 'repo')],
    ['https://github.com/owner/my.repo-name_2', gh('owner', 'my.repo-name_2')],
    [
      'https://gitlab.com/group/sub/project/-/tree/main/docker',
      { host: 'gitlab', owner: 'group/sub', repo: 'project', url: 'https://gitlab.com/group/sub/project' },
    ],
    [
      'git@gitlab.com:group/project.git',
      { host: 'gitlab', owner: 'group', repo: 'project', url: 'https://gitlab.com/group/project' },
    ],
    [
      'https://codeberg.org/forgejo/forgejo/src/branch/main',
      { host: 'other', owner: 'forgejo', repo: 'forgejo', url: 'https://codeberg.org/forgejo/forgejo' },
    ],
    [
      'https://git.example.com:8443/team/app.git',
      { host: 'other', owner: 'team', repo: 'app', url: 'https://git.example.com:8443/team/app' },
    ],
    ['https://github.com/owner', null],
    ['https://github.com/', null],
    ['not a url', null],
    ['', null],
    ['javascript:alert(1)', null],
    ['file:///etc/passwd', null],
    ['https://localhost/owner/repo', null],
    ['https://github.com/owner/%2e%2e', null],
  ])('%j → %j', (raw, expected) => {
    expect(parseRepositoryUrl(raw)).toEqual(expected);
  });

  it('classifies a self-hosted GitLab host as gitlab when it is named, with nested groups', () => {
    expect(parseRepositoryUrl('https://git.corp.example/a/b/c/-/releases', ['git.corp.example'])).toEqual({
      host: 'gitlab',
      owner: 'a/b',
      repo: 'c',
      url: 'https://git.corp.example/a/b/c',
    });
    expect(parseRepositoryUrl('https://git.corp.example/a/b/c')?.host).toBe('other');
  });
});

describe('findSourceRepository', () => {
  const reference = 'docker.io/library/nginx:1.27';

  it('prefers the OCI source annotation, then the label, then label-schema vcs-url', () => {
    const annotations = { 'org.opencontainers.image.source': 'https://github.com/a/from-annotation' };
    const labels = {
      'org.opencontainers.image.source': 'https://github.com/a/from-label',
      'org.label-schema.vcs-url': 'https://github.com/a/from-label-schema',
    };
    expect(findSourceRepository({ reference, annotations, labels })?.repo).toBe('from-annotation');
    expect(findSourceRepository({ reference, labels })?.repo).toBe('from-label');
    expect(
      findSourceRepository({
        reference,
        labels: { 'org.label-schema.vcs-url': 'git@github.com:a/from-label-schema.git' },
      })?.repo,
    ).toBe('from-label-schema');
  });

  it('skips a value that is not a repository and tries the next one', () => {
    const annotations = { 'org.opencontainers.image.source': 'see README' };
    const labels = { 'org.label-schema.vcs-url': 'https://gitlab.com/g/p' };
    expect(findSourceRepository({ reference, annotations, labels })?.url).toBe('https://gitlab.com/g/p');
  });

  it.each<[string, string | null]>([
    ['registry.gitlab.com/group/project:1.0', 'https://gitlab.com/group/project'],
    // Nested groups and image names cannot be told apart: nothing is guessed.
    ['registry.gitlab.com/group/project/image:1.0', null],
    // Docker Hub official images have no single source repository (see docs/sources.md).
    ['nginx:1.27', null],
    ['ghcr.io/owner/app:1', null],
  ])('by registry convention: %s → %s', (ref, url) => {
    expect(findSourceRepository({ reference: ref })?.url ?? null).toBe(url);
  });
});
