// The update actions of one image (docs/actions.md): for the update picked, one action per place
// the image runs, built from the store's view of the image (its last check and `runsOn`), the
// Docker platforms' inspect (what recreating a container needs), the compose files on this
// machine and, for a pinned image whose new digest the check did not learn, one manifest HEAD.
// Nothing here runs a command.
import { readFile } from 'node:fs/promises';
import type { ImageDetails } from '../model/image.js';
import { messageOf } from '../model/message-of.js';
import type { ContainerSetup } from '../platform/docker/container-setup.js';
import type { DockerEndpoint } from '../platform/docker/endpoints.js';
import { composeAction } from './compose-action.js';
import { containerAction } from './container-action.js';
import { dockerGlobalFlags, isThisMachine } from './docker-cli.js';
import { isPinned, respell } from './image-spelling.js';
import { kubernetesAction } from './kubernetes-action.js';
import { placesOf, type DockerPlace, type Place } from './places.js';
import { swarmAction } from './swarm-action.js';
import type { Bump, UpdateAction, UpdateActions, UpdateTarget } from './types.js';
import { updateTarget } from './update-target.js';

/** What a Docker platform lends to actions (internal/platform/docker/docker-platform.ts). */
export interface DockerInspector {
  readonly endpoint: DockerEndpoint;
  containerSetup(containerId: string): Promise<ContainerSetup | undefined>;
}

export interface ActionSources {
  /** What `tag` of `reference`'s repository points at now (a manifest HEAD: the index digest). */
  readonly resolveDigest: (reference: string, tag: string) => Promise<string>;
  /** The Docker platform of `platformId`, while it is watched. */
  readonly docker: (platformId: string) => DockerInspector | undefined;
  /** Default: this machine's files. */
  readonly readFile?: (path: string) => Promise<string>;
}

/** `platform` as a DockerInspector when it is one (the Docker platform), else undefined. */
export function asDockerInspector(platform: object | undefined): DockerInspector | undefined {
  return platform !== undefined && 'containerSetup' in platform && 'endpoint' in platform
    ? (platform as DockerInspector)
    : undefined;
}

export type ImageToUpdate = Pick<ImageDetails, 'reference' | 'result' | 'runsOn'>;

/** Throws NoSuchUpdateError when the image has no such update (or none at all). */
export async function updateActions(
  image: ImageToUpdate,
  bump: Bump | undefined,
  sources: ActionSources,
): Promise<UpdateActions> {
  const picked = updateTarget(image.reference, image.result, bump);
  let target = picked.target;
  const places = placesOf(image.runsOn);
  let digestProblem: string | null = null;
  if (target.digest === null && places.some((place) => needsDigest(place, target))) {
    try {
      target = { ...target, digest: await sources.resolveDigest(image.reference, target.tag) };
    } catch (error) {
      digestProblem = `The registry did not say what ${target.tag} points at (${messageOf(error)}), and a pinned image needs that digest.`;
    }
  }
  const actions = await Promise.all(
    places.map(async (place) => {
      const action = await actionFor(place, target, sources);
      return digestProblem !== null && needsDigest(place, target)
        ? { ...action, notes: [digestProblem, ...action.notes] }
        : action;
    }),
  );
  const key = (action: UpdateAction) => [action.platform, ...action.place].join('\0');
  actions.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  return { reference: image.reference, target, bumps: picked.bumps, actions };
}

function needsDigest(place: Place, target: UpdateTarget): boolean {
  if (place.kind === 'kubernetes') return target.bump === 'digest' || isPinned(place.image.name);
  if (place.kind === 'docker') return place.swarmService === null && isPinned(place.image.name);
  return false;
}

async function actionFor(place: Place, target: UpdateTarget, sources: ActionSources): Promise<UpdateAction> {
  switch (place.kind) {
    case 'kubernetes':
      return kubernetesAction(place, target);
    case 'docker':
      return dockerAction(place, target, sources);
    case 'listed': {
      const image =
        isPinned(place.image.name) && target.digest === null
          ? null
          : respell(place.image.name, target.tag, target.digest);
      return {
        kind: 'manual',
        platform: place.platform,
        place: [place.list.path],
        image,
        notes: [
          `Listed in ${place.list.path}: change ${place.image.name} to ${image ?? target.tag} where it really runs, and in the list.`,
        ],
        commands: [],
      };
    }
    case 'unknown':
      return {
        kind: 'manual',
        platform: place.platform,
        place: place.path.map((node) => node.name),
        image: null,
        notes: [
          `Cupdate sees ${place.image.name} here but not what runs it (${place.path.map((node) => node.kind).join(' → ') || 'nothing above the image'}): no change can be given.`,
        ],
        commands: [],
      };
  }
}

async function dockerAction(
  place: DockerPlace,
  target: UpdateTarget,
  sources: ActionSources,
): Promise<UpdateAction> {
  const platform = sources.docker(place.platform);
  const docker = dockerGlobalFlags(platform?.endpoint, place.host);
  if (place.swarmService !== null)
    return swarmAction({ ...place, swarmService: place.swarmService }, target, docker);
  if (place.compose !== null) {
    return composeAction({
      place: { ...place, compose: place.compose },
      target,
      docker,
      filesHere: isThisMachine(platform?.endpoint.host ?? place.host.endpoint),
      readFile: sources.readFile ?? ((path) => readFile(path, 'utf8')),
    });
  }
  return containerAction({ place, target, docker, setup: await setupOf(platform, place) });
}

async function setupOf(
  platform: DockerInspector | undefined,
  place: DockerPlace,
): Promise<ContainerSetup | { problem: string }> {
  if (platform === undefined)
    return { problem: `the Docker endpoint ${place.host.name} is not watched any more` };
  try {
    return (await platform.containerSetup(place.containerId)) ?? { problem: 'the container is gone' };
  } catch (error) {
    return { problem: messageOf(error) };
  }
}
