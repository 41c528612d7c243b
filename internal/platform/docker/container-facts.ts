// The few facts the graph needs from the Engine API's container and image inspect answers
// (GET /containers/{id}/json, GET /images/{id}/json), read defensively: Podman's compatible API
// and old engines leave some fields null.
import type Dockerode from 'dockerode';

export interface ImageFacts {
  /** `repo@sha256:…` for each repository the image was pulled from or pushed to. */
  readonly repoDigests: readonly string[];
  readonly os?: string;
  readonly architecture?: string;
  readonly variant?: string;
  readonly labels: Readonly<Record<string, string>>;
}

export interface ContainerFacts {
  readonly id: string;
  /** Without the API's leading slash. */
  readonly name: string;
  /** `running`, `exited`, `created`, `paused`, … */
  readonly state: string;
  /** True while the process lives (also when paused or restarting). */
  readonly running: boolean;
  /** The image as configured: what the user typed (`nginx:1.25`, or an image id). */
  readonly configImage: string;
  /** The id of the image the container was created from (`sha256:…`). */
  readonly imageId: string;
  readonly labels: Readonly<Record<string, string>>;
  /** Absent when the image was deleted after the container was created. */
  readonly image?: ImageFacts;
}

export function containerFacts(
  container: Dockerode.ContainerInspectInfo,
  image: Dockerode.ImageInspectInfo | undefined,
): ContainerFacts {
  return {
    id: container.Id,
    name: container.Name.replace(/^\//, ''),
    state: container.State.Status,
    running: container.State.Running,
    configImage: container.Config.Image,
    imageId: container.Image,
    labels: container.Config.Labels ?? {},
    ...(image && { image: imageFacts(image) }),
  };
}

function imageFacts(image: Dockerode.ImageInspectInfo): ImageFacts {
  const variant = (image as { Variant?: string }).Variant;
  return {
    repoDigests: image.RepoDigests ?? [],
    ...(image.Os && { os: image.Os }),
    ...(image.Architecture && { architecture: image.Architecture }),
    ...(variant && { variant }),
    labels: image.Config?.Labels ?? {},
  };
}
