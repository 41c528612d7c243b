// Every diff is applied with the real GNU patch (and git apply) to a copy of the file: the result
// must be exactly the edited text.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { unifiedDiff, type Replacement } from './unified-diff.js';

function applied(tool: 'patch' | 'git', before: string, diff: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'cupdate-diff-'));
  try {
    writeFileSync(join(dir, 'compose.yaml'), before);
    const args = tool === 'patch' ? ['-p1', '--quiet', '--force'] : ['apply', '-'];
    execFileSync(tool, args, { cwd: dir, input: diff, stdio: ['pipe', 'pipe', 'pipe'] });
    return readFileSync(join(dir, 'compose.yaml'), 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function replace(text: string, old: string, by: string): Replacement {
  const start = text.indexOf(old);
  return { start, end: start + old.length, text: by };
}

const FILE = [
  '# shop',
  'services:',
  '  web:',
  '    image: nginx:1.25 # pinned by ops',
  '    ports: ["8080:80"]',
  '  db:',
  '    image: postgres:16',
  '',
].join('\n');

describe('unifiedDiff', () => {
  it('writes one hunk with three lines of context (golden)', () => {
    expect(unifiedDiff('compose.yaml', FILE, replace(FILE, 'nginx:1.25', 'nginx:1.26'))).toBe(
      [
        '--- a/compose.yaml',
        '+++ b/compose.yaml',
        '@@ -1,7 +1,7 @@',
        ' # shop',
        ' services:',
        '   web:',
        '-    image: nginx:1.25 # pinned by ops',
        '+    image: nginx:1.26 # pinned by ops',
        '     ports: ["8080:80"]',
        '   db:',
        '     image: postgres:16',
        '',
      ].join('\n'),
    );
  });

  const cases: Array<[string, string, string, string]> = [
    ['a change in the middle', FILE, 'nginx:1.25', 'nginx:1.26'],
    ['the first line', 'image: a:1\nx: 1\n', 'a:1', 'a:2'],
    ['the last line, no newline at the end', 'x: 1\ny: 2\nimage: a:1', 'a:1', 'a:2'],
    ['a file with CRLF line ends', 'x: 1\r\nimage: a:1\r\ny: 2\r\n', 'a:1', 'a:2'],
    ['a quoted scalar over two lines', 'x: 1\nimage: "a\n  :1"\ny: 2\n', '"a\n  :1"', '"a:2"'],
    ['a longer file', `${'# c\n'.repeat(20)}image: a:1\n${'# d\n'.repeat(20)}`, 'a:1', 'a:2'],
  ];
  for (const [what, before, old, by] of cases) {
    it(`applies with GNU patch and git apply: ${what}`, () => {
      const replacement = replace(before, old, by);
      const expected = before.slice(0, replacement.start) + by + before.slice(replacement.end);
      const diff = unifiedDiff('compose.yaml', before, replacement);
      expect(applied('patch', before, diff)).toBe(expected);
      expect(applied('git', before, diff)).toBe(expected);
    });
  }
});
