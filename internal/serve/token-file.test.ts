import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTokenFile } from './token-file.js';

describe('readTokenFile', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cupdate-token-file-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const file = async (content: string) => {
    const path = join(dir, `token-${Math.random()}`);
    await writeFile(path, content);
    return path;
  };

  it('reads a base64 token without its final newline (kubectl create secret --from-file keeps one)', async () => {
    const token = 'q7Jx1u3n0m+Z2/8aB9c4D5e6F7g8H9i0J1k2L3m4N5o=';
    expect(await readTokenFile(await file(`${token}\n`))).toBe(token);
  });

  it('refuses a token that would break the cookie, naming the file', async () => {
    const path = await file(`${'a'.repeat(32)}; Domain=evil.example\n`);
    await expect(readTokenFile(path)).rejects.toThrow(
      `--token-file ${path}: the token may hold only letters, digits and + / = . _ ~ - (it goes into a cookie)`,
    );
  });

  it('says what is wrong with a missing file', async () => {
    await expect(readTokenFile(join(dir, 'missing'))).rejects.toThrow(
      /^--token-file .*missing: cannot be read \(ENOENT/,
    );
  });
});
