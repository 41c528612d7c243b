// Test vectors ported from distribution/reference normalize_test.go and reference_test.go.
import { describe, expect, it } from 'vitest';
import { InvalidReferenceError, isDigest, parseReference } from './reference.js';

const HEX64 = 'dbcc1c35ac38df41fd2f5e4130b32ffdb93ebae8b3dbe638c23575912276fc9c';

function reasonOf(input: string): string {
  try {
    parseReference(input);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidReferenceError);
    return (error as InvalidReferenceError).reason;
  }
  throw new Error(`expected ${JSON.stringify(input)} to be rejected`);
}

describe('parseReference: normalization (TestParseRepositoryInfo, TestNormalizedSplitHostname)', () => {
  const cases: Array<[inputs: string[], familiar: string, full: string, domain: string, path: string]> = [
    [
      ['fooo/bar', 'docker.io/fooo/bar', 'index.docker.io/fooo/bar'],
      'fooo/bar',
      'docker.io/fooo/bar',
      'docker.io',
      'fooo/bar',
    ],
    [
      ['ubuntu', 'docker.io/library/ubuntu', 'library/ubuntu'],
      'ubuntu',
      'docker.io/library/ubuntu',
      'docker.io',
      'library/ubuntu',
    ],
    [['other/library'], 'other/library', 'docker.io/other/library', 'docker.io', 'other/library'],
    [
      ['127.0.0.1:8000/private/moonbase'],
      '127.0.0.1:8000/private/moonbase',
      '127.0.0.1:8000/private/moonbase',
      '127.0.0.1:8000',
      'private/moonbase',
    ],
    [
      ['example.com/privatebase'],
      'example.com/privatebase',
      'example.com/privatebase',
      'example.com',
      'privatebase',
    ],
    [
      ['example.com:8000/privatebasee'],
      'example.com:8000/privatebasee',
      'example.com:8000/privatebasee',
      'example.com:8000',
      'privatebasee',
    ],
    [
      ['ubuntu-12.04-base', 'index.docker.io/library/ubuntu-12.04-base'],
      'ubuntu-12.04-base',
      'docker.io/library/ubuntu-12.04-base',
      'docker.io',
      'library/ubuntu-12.04-base',
    ],
    [['foo', 'docker.io/foo'], 'foo', 'docker.io/library/foo', 'docker.io', 'library/foo'],
    [['library/foo/bar'], 'library/foo/bar', 'docker.io/library/foo/bar', 'docker.io', 'library/foo/bar'],
    [['store/foo/bar'], 'store/foo/bar', 'docker.io/store/foo/bar', 'docker.io', 'store/foo/bar'],
    [['Foo/bar'], 'Foo/bar', 'Foo/bar', 'Foo', 'bar'],
    [['FOO/bar'], 'FOO/bar', 'FOO/bar', 'FOO', 'bar'],
    [['test_com/foo'], 'test_com/foo', 'docker.io/test_com/foo', 'docker.io', 'test_com/foo'],
    [['test-com:8080/foo'], 'test-com:8080/foo', 'test-com:8080/foo', 'test-com:8080', 'foo'],
    [['xn--n3h.com:18080/foo'], 'xn--n3h.com:18080/foo', 'xn--n3h.com:18080/foo', 'xn--n3h.com:18080', 'foo'],
    [['localhost/foo'], 'localhost/foo', 'localhost/foo', 'localhost', 'foo'],
    [['localhost:5000/x'], 'localhost:5000/x', 'localhost:5000/x', 'localhost:5000', 'x'],
    [
      ['[fc00::1]:5000/docker/docker'],
      '[fc00::1]:5000/docker/docker',
      '[fc00::1]:5000/docker/docker',
      '[fc00::1]:5000',
      'docker/docker',
    ],
  ];
  for (const [inputs, familiar, full, domain, path] of cases) {
    for (const input of inputs) {
      it(`${input} → ${full}`, () => {
        const ref = parseReference(input);
        expect(ref.toString()).toBe(full);
        expect(ref.familiar()).toBe(familiar);
        expect(ref.domain).toBe(domain);
        expect(ref.path).toBe(path);
        expect(ref.name).toBe(`${domain}/${path}`);
        expect(ref.tag).toBeUndefined();
        expect(ref.digest).toBeUndefined();
      });
    }
  }
});

describe('parseReference: tags and digests', () => {
  it('keeps tag and digest together (TestParseReferenceWithTagAndDigest)', () => {
    const short = `busybox:latest@sha256:${HEX64}`;
    const ref = parseReference(short);
    expect(ref.toString()).toBe(`docker.io/library/${short}`);
    expect(ref.familiar()).toBe(short);
    expect(ref.tag).toBe('latest');
    expect(ref.digest).toBe(`sha256:${HEX64}`);
  });

  it.each([
    ['nginx:1.25', 'docker.io/library/nginx', '1.25', undefined],
    ['test.com:5000/repo:tag', 'test.com:5000/repo', 'tag', undefined],
    ['lowercase:Uppercase', 'docker.io/library/lowercase', 'Uppercase', undefined],
    [
      'b.gcr.io/test.example.com/my-app:test.example.com',
      'b.gcr.io/test.example.com/my-app',
      'test.example.com',
      undefined,
    ],
    ['192.168.1.1:5000/repo:5050', '192.168.1.1:5000/repo', '5050', undefined],
    ['[2001:db8::1]:5000/repo:tag', '[2001:db8::1]:5000/repo', 'tag', undefined],
    [`redis@sha256:${HEX64}`, 'docker.io/library/redis', undefined, `sha256:${HEX64}`],
    [
      `xn--7o8h.com/myimage:xn--7o8h.com@sha512:${'f'.repeat(128)}`,
      'xn--7o8h.com/myimage',
      'xn--7o8h.com',
      `sha512:${'f'.repeat(128)}`,
    ],
    [
      `${'a/'.repeat(127)}a:tag-puts-this-over-max`,
      `docker.io/${'a/'.repeat(127)}a`,
      'tag-puts-this-over-max',
      undefined,
    ],
    // A 63-character hex name is a name, not an identifier (TestParseAnyReference).
    [HEX64.slice(0, 63), `docker.io/library/${HEX64.slice(0, 63)}`, undefined, undefined],
  ])('%s', (input, name, tag, digest) => {
    const ref = parseReference(input);
    expect(ref.name).toBe(name);
    expect(ref.tag).toBe(tag);
    expect(ref.digest).toBe(digest);
  });

  it('accepts a 128-character tag and rejects a 129-character one', () => {
    expect(parseReference(`x:a${'b'.repeat(127)}`).tag).toHaveLength(128);
    expect(reasonOf(`x:a${'b'.repeat(128)}`)).toBe('format');
  });

  it('serializes to the fully qualified string and is frozen', () => {
    const ref = parseReference('nginx:1.25');
    expect(JSON.stringify({ ref })).toBe('{"ref":"docker.io/library/nginx:1.25"}');
    expect(Object.isFrozen(ref)).toBe(true);
  });
});

describe('parseReference: rejected input names the input and the problem', () => {
  it.each([
    ['', 'empty'],
    [':justtag', 'format'],
    [`@sha256:${HEX64}`, 'format'],
    ['repo@sha256:ffffffffffffffffffffffffffffffffff', 'digest-length'],
    [`validname@invaliddigest:${'f'.repeat(64)}`, 'digest-unsupported'],
    [`repo@sha256:${HEX64.toUpperCase()}`, 'digest-format'],
    ['Uppercase:tag', 'uppercase'],
    ['test:5000/Uppercase/lowercase:tag', 'uppercase'],
    ['docker/Docker', 'uppercase'],
    ['docker.io/docker/Docker', 'uppercase'],
    [`${'a/'.repeat(128)}a:tag`, 'name-too-long'],
    ['aa/asdf$$^/aa', 'format'],
    ['https://github.com/docker/docker', 'format'],
    ['-docker', 'format'],
    ['-docker.io/docker/docker', 'format'],
    ['docker///docker', 'format'],
    ['docker-/docker', 'format'],
    ['____/____', 'format'],
    ['dock..er/docker', 'format'],
    ['dock_.er/docker', 'format'],
    ['docker/', 'format'],
    ['[fc00::1]', 'format'],
    ['[fc00::1]:5000', 'format'],
    ['fc00::1:5000/debian', 'format'],
    ['[fe80::1%eth0]:5000/debian', 'format'],
    ['[2001:db8:3:4::192.0.2.33]:5000/debian', 'format'],
    [HEX64, 'identifier'],
    [`sha256:${HEX64}`, 'digest-only'],
  ])('%j → %s', (input, reason) => {
    expect(reasonOf(input)).toBe(reason);
  });

  it('quotes the input and gives distribution’s lowercase hint', () => {
    expect(() => parseReference('docker/Docker:1')).toThrow(
      'Invalid image reference "docker/Docker:1": invalid reference format: repository name (docker/Docker) must be lowercase',
    );
  });
});

describe('isDigest', () => {
  it('accepts registered algorithms with the right length only', () => {
    expect(isDigest(`sha256:${HEX64}`)).toBe(true);
    expect(isDigest(`sha256:${HEX64.slice(1)}`)).toBe(false);
    expect(isDigest(`md5:${HEX64}`)).toBe(false);
    expect(isDigest('latest')).toBe(false);
  });
});
