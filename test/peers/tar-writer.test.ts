import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImageSpecError } from './errors.js';
import { tarArchive, type TarEntry } from './tar-writer.js';

const run = promisify(execFile);
const ENTRIES: TarEntry[] = [
  { type: 'directory', path: 'etc/', mode: 0o755 },
  { type: 'file', path: 'etc/motd', mode: 0o640, content: Buffer.from('hello\n') },
  { type: 'symlink', path: 'etc/greeting', target: 'motd' },
  { type: 'hardlink', path: 'etc/motd2', target: 'etc/motd' },
];

describe('tarArchive (read back by GNU tar)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cupdate-tar-'));
    await writeFile(join(dir, 'a.tar'), tarArchive(ENTRIES));
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it('lists every entry with mtime 0, owner 0/0, its mode and link target', async () => {
    const { stdout } = await run('tar', ['--numeric-owner', '-tvf', join(dir, 'a.tar')]);
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^drwxr-xr-x 0\/0 +0 1970-01-01 00:00 etc\/$/);
    expect(lines[1]).toMatch(/^-rw-r----- 0\/0 +6 1970-01-01 00:00 etc\/motd$/);
    expect(lines[2]).toMatch(/^lrwxrwxrwx 0\/0 +0 1970-01-01 00:00 etc\/greeting -> motd$/);
    expect(lines[3]).toMatch(/etc\/motd2 link to etc\/motd$/);
  });

  it('extracts file contents intact', async () => {
    await run('tar', ['-xf', join(dir, 'a.tar'), '-C', dir]);
    expect(await readFile(join(dir, 'etc/motd2'), 'utf8')).toBe('hello\n');
  });

  it('gives the same bytes for the same entries', () => {
    expect(tarArchive(ENTRIES).equals(tarArchive(ENTRIES))).toBe(true);
  });

  it('refuses a path longer than the 100-byte ustar name field with a typed error naming it', () => {
    const path = `${'x'.repeat(101)}`;
    expect(() => tarArchive([{ type: 'directory', path, mode: 0o755 }])).toThrow(ImageSpecError);
    expect(() => tarArchive([{ type: 'directory', path, mode: 0o755 }])).toThrow(path);
  });
});
