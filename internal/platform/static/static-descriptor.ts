// Static lists as a platform kind (internal/platform/platform.ts): a file of image references,
// named by its path. Nothing to discover: the user names the file; it must be readable. Like
// every kind, its platform module is loaded by build.
import { access, constants } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { PlatformId } from '../../graph/types.js';
import type { PlatformDescriptor } from '../platform.js';
import { PlatformChoiceError } from '../platform.js';
import { messageOf } from '../../model/message-of.js';

/** The platform id of a list: the one place the `static:<absolute path>` scheme is spelled. */
export function staticPlatformId(path: string): PlatformId {
  return `static:${resolve(path)}`;
}

export const staticDescriptor: PlatformDescriptor<null> = {
  type: 'static',
  selectionKey: 'staticLists',
  option: '--list',
  discover: async () => null,
  defaults: () => [],
  every: () => [],
  async build(_found, path, settings) {
    // Before the file is touched: a refused path is not even probed for existence.
    const refusal = settings.listRefusal?.(resolve(path));
    if (refusal !== undefined) throw new PlatformChoiceError(path, refusal);
    try {
      await access(path, constants.R_OK);
    } catch (cause) {
      throw new PlatformChoiceError(path, `cannot be read (${messageOf(cause)}); give a readable file`, {
        cause,
      });
    }
    const { StaticPlatform } = await import('./static-platform.js');
    return new StaticPlatform(path);
  },
  describe: (_found, running) => ({ staticLists: running.selection.staticLists }),
};
