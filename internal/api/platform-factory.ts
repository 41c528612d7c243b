// The API's side of the platform kinds (internal/platform/platform-kinds.ts): builds the platforms
// of a selection and describes what can be selected, by looping over the kinds. Anything that
// cannot be built is an `invalid-params` error naming it, raised before the running platforms are
// touched.
import { ApiError } from './api-error.js';
import type { Discovery, PlatformSelection } from './contract.js';
import { buildChosen, choosePlatforms } from '../platform/choose-platforms.js';
import { PLATFORM_KINDS } from '../platform/platform-kinds.js';
import type { DiscoveryPlace, Platform, PlatformSettings, RunningPlatforms } from '../platform/platform.js';

export type { DiscoveryPlace } from '../platform/platform.js';

// The API reports problems of discovery in what it returns (kubeconfigFiles), not as warnings.
const quiet = () => undefined;

/** Builds what `selection` names, the way `settings` says (which lists may be read, namespaces per context). */
export async function buildPlatforms(
  selection: PlatformSelection,
  place: DiscoveryPlace,
  settings: PlatformSettings = {},
): Promise<Platform[]> {
  const chosen = await choosePlatforms(place, (kind) => selection[kind.selectionKey], quiet);
  return buildChosen(
    chosen,
    (kind, index, error) =>
      new ApiError('invalid-params', `selectPlatforms: ${kind.selectionKey}[${index}] ${error.message}`, {
        cause: error,
      }),
    settings,
  );
}

/** What every kind finds where `place` says to look, and which of it runs. */
export async function describePlatforms(
  place: DiscoveryPlace,
  running: RunningPlatforms,
): Promise<Discovery> {
  const parts = await Promise.all(
    PLATFORM_KINDS.map(async (kind) => kind.describe(await kind.discover(place, quiet), running)),
  );
  const empty: Discovery = { dockerEndpoints: [], kubeContexts: [], kubeconfigFiles: [], staticLists: [] };
  return Object.assign(empty, ...parts) as Discovery;
}
