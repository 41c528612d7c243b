// Which files a selection may turn into static-list platforms. A static list is a file the core
// reads and whose lines it shows, so "watch this path" from an API call alone would read any file
// the process can (a root-only file, a pod's service-account token) for whoever can call the API.
// The desktop app lets its own window choose (the process runs as the user, and IPC answers only
// its page); `serve` watches only the lists its command line named (docs/security.md).
import { resolve } from 'node:path';
import type { PlatformSelection } from './contract.js';

export interface StaticListPolicy {
  /** Why `path` (absolute) may not be watched, and what to do instead; undefined when it may. */
  refusal(path: string): string | undefined;
}

/** Only `paths` (resolved against the working directory, as StaticPlatform resolves them). */
export function onlyTheseLists(paths: readonly string[], howToAdd: string): StaticListPolicy {
  const allowed = new Set(paths.map((path) => resolve(path)));
  return {
    refusal: (path) =>
      allowed.has(resolve(path))
        ? undefined
        : `is not one of the lists this server was started with (${
            allowed.size === 0 ? 'none' : [...allowed].map((list) => JSON.stringify(list)).join(', ')
          }); ${howToAdd}`,
  };
}

/** `selection` without the lists `policy` refuses: a stored selection is not a fresh choice. */
export function withAllowedLists(
  selection: PlatformSelection,
  policy: StaticListPolicy | undefined,
): PlatformSelection {
  if (policy === undefined) return selection;
  return {
    ...selection,
    staticLists: selection.staticLists.filter((path) => policy.refusal(resolve(path)) === undefined),
  };
}
