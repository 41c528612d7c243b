// Golden files: the expected output of each format, reviewed by eye (they are the product).
// UPDATE_GOLDEN=1 rewrites them from the current output instead of comparing.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';

const GOLDEN_DIR = join(import.meta.dirname, 'golden');

export async function expectGolden(name: string, actual: string): Promise<void> {
  const path = join(GOLDEN_DIR, name);
  if (process.env.UPDATE_GOLDEN === '1') {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, actual);
    return;
  }
  const expected = await readFile(path, 'utf8').catch((error: unknown) => {
    throw new Error(`golden file ${path} is missing; run with UPDATE_GOLDEN=1 to write it, then review it`, {
      cause: error,
    });
  });
  expect(
    actual,
    `${name} differs from its golden file; if the change is intended, run with UPDATE_GOLDEN=1 and review the diff`,
  ).toBe(expected);
}
