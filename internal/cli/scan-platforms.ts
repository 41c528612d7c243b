// The platforms a `scan` runs, from its arguments, through the platform kinds
// (internal/platform/choose-platforms.ts). Asking for something that is not there (a list file that
// cannot be read, an unknown context) is a usage error; the defaults quietly take whatever exists.
import { homedir } from 'node:os';
import { buildChosen, choosePlatforms } from '../platform/choose-platforms.js';
import type { Platform } from '../platform/platform.js';
import type { ScanArgs } from './scan-args.js';
import { CliUsageError } from './usage-error.js';

export async function scanPlatforms(args: ScanArgs, warn: (message: string) => void): Promise<Platform[]> {
  const place = { env: process.env, homeDir: homedir() };
  const chosen = await choosePlatforms(place, (kind) => args.platforms[kind.selectionKey], warn);
  return buildChosen(
    chosen,
    (kind, _index, error) =>
      new CliUsageError(`${kind.option} ${error.choice} ${error.reason}`, { cause: error }),
  );
}
