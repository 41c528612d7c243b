// The inputs and outputs of images.ts, kept apart so the builder and the pusher share them.

export interface ImagePlatform {
  readonly os: string;
  readonly architecture: string;
  readonly variant?: string;
}

export interface ImageSpec {
  /** OCI or Docker (schema 2) media types. */
  readonly format: 'oci' | 'docker';
  /** One platform → a single manifest; two or more → an OCI index / Docker manifest list. */
  readonly platforms: readonly ImagePlatform[];
  /** Config labels (`config.Labels`). */
  readonly labels?: Readonly<Record<string, string>>;
  /** OCI only: set on the top manifest or index and on each platform manifest. */
  readonly annotations?: Readonly<Record<string, string>>;
  /** The layer holds a static busybox and the config runs `sleep 3600`; host platform only. */
  readonly runnable?: boolean;
  /** A different salt gives different layers, hence different digests (for re-pushes). */
  readonly salt?: string;
}

export interface PushedManifest {
  readonly platform: ImagePlatform;
  readonly digest: string;
  readonly configDigest: string;
}

export interface PushedImage {
  /** What the tags point at: the index/list for several platforms, else the manifest. */
  readonly digest: string;
  readonly mediaType: string;
  readonly manifests: readonly PushedManifest[];
}

/** A registry to push to. Basic and Bearer challenges are answered with these credentials. */
export interface PushTarget {
  /** http://127.0.0.1:PORT, without credentials. */
  readonly url: string;
  readonly username?: string;
  readonly password?: string;
}

export const MEDIA_TYPES = {
  oci: {
    index: 'application/vnd.oci.image.index.v1+json',
    manifest: 'application/vnd.oci.image.manifest.v1+json',
    config: 'application/vnd.oci.image.config.v1+json',
    layer: 'application/vnd.oci.image.layer.v1.tar+gzip',
  },
  docker: {
    index: 'application/vnd.docker.distribution.manifest.list.v2+json',
    manifest: 'application/vnd.docker.distribution.manifest.v2+json',
    config: 'application/vnd.docker.container.image.v1+json',
    layer: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
  },
} as const;

/**
 * The Accept header a manifest GET/HEAD needs on distribution 2.8: without every type an OCI index
 * answers 404 and a Docker list is down-converted to schema 1 (another digest).
 */
export const MANIFEST_ACCEPT = [
  MEDIA_TYPES.oci.index,
  MEDIA_TYPES.oci.manifest,
  MEDIA_TYPES.docker.index,
  MEDIA_TYPES.docker.manifest,
].join(', ');
