// From what a host asks for to running platforms, by looping over the platform kinds
// (platform-kinds.ts): the API's selectPlatforms, `scan`'s options and `npm start`'s first run all
// come through here. A kind is discovered only when something of it is asked for, so its client
// library is never loaded otherwise.
import type { PlatformSelection } from '../api/contract.js';
import { PLATFORM_KINDS } from './platform-kinds.js';
import type { DiscoveryPlace, Platform, PlatformDescriptor, PlatformSettings } from './platform.js';
import { PlatformChoiceError } from './platform.js';

/** What to take of one kind: these names, the first-run defaults, or every usable one. */
export type Choice = readonly string[] | 'defaults' | 'every';

/** No name, and neither defaults nor every one: the kind is not even discovered. */
export function choosesNothing(choice: Choice): boolean {
  return typeof choice !== 'string' && choice.length === 0;
}

/** One kind, what was found of it, and the names chosen. */
export interface Chosen {
  readonly kind: PlatformDescriptor<unknown>;
  readonly found: unknown;
  readonly names: readonly string[];
}

/** Discovers each kind that `choose` asks something of and resolves its choice to names. */
export async function choosePlatforms(
  place: DiscoveryPlace,
  choose: (kind: PlatformDescriptor<unknown>) => Choice,
  warn: (message: string) => void,
): Promise<Chosen[]> {
  const chosen: Chosen[] = [];
  for (const kind of PLATFORM_KINDS) {
    const choice = choose(kind);
    if (choosesNothing(choice)) continue;
    const found = await kind.discover(place, warn);
    const names =
      choice === 'defaults' ? kind.defaults(found) : choice === 'every' ? kind.every(found, warn) : choice;
    chosen.push({ kind, found, names });
  }
  return chosen;
}

/**
 * Builds every chosen platform. A name that cannot be built throws what `refuse` makes of its
 * PlatformChoiceError (a usage error on the command line, `invalid-params` in the API); nothing was
 * started then.
 */
export async function buildChosen(
  chosen: readonly Chosen[],
  refuse: (kind: PlatformDescriptor<unknown>, index: number, error: PlatformChoiceError) => Error,
  settings: PlatformSettings = {},
): Promise<Platform[]> {
  const platforms: Platform[] = [];
  for (const { kind, found, names } of chosen) {
    for (const [index, name] of names.entries()) {
      try {
        platforms.push(await kind.build(found, name, settings));
      } catch (error) {
        throw error instanceof PlatformChoiceError ? refuse(kind, index, error) : error;
      }
    }
  }
  return platforms;
}

/** The chosen names as the API's PlatformSelection. */
export function selectionOf(chosen: readonly Chosen[]): PlatformSelection {
  const selection: Record<keyof PlatformSelection, readonly string[]> = {
    dockerEndpoints: [],
    kubeContexts: [],
    staticLists: [],
  };
  for (const { kind, names } of chosen) selection[kind.selectionKey] = names;
  return selection;
}
