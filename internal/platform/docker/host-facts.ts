// The docker-host node's facts from GET /info. dockerd reports `Architecture` as `uname -m`
// (x86_64, aarch64) while Podman reports Go's names (amd64, arm64); image indexes use Go's names
// (OCI image-index spec, `platform.architecture`), so both are brought to those.

export interface HostFacts {
  /** The endpoint's name: also the docker-host node's name. */
  readonly name: string;
  /** The endpoint's address, e.g. `unix:///var/run/docker.sock`. */
  readonly endpoint: string;
  readonly os?: string;
  /** In OCI terms (`amd64`, `arm64`). */
  readonly architecture?: string;
  readonly variant?: string;
  readonly engineVersion?: string;
}

interface OciPlatform {
  readonly architecture: string;
  readonly variant?: string;
}

/** The fields of GET /info this reads (dockerode's types do not describe /info). */
export interface EngineInfo {
  readonly OSType?: string;
  readonly Architecture?: string;
  readonly ServerVersion?: string;
  /** The daemon's clock, RFC 3339 with nanoseconds (both dockerd and Podman send it). */
  readonly SystemTime?: string;
}

/** The daemon's clock minus ours, in ms; 0 when /info did not say. */
export function clockOffsetMs(info: EngineInfo, now: number): number {
  const daemon = info.SystemTime === undefined ? Number.NaN : Date.parse(info.SystemTime);
  return Number.isNaN(daemon) ? 0 : daemon - now;
}

const UNAME_TO_OCI: Readonly<Record<string, OciPlatform>> = {
  x86_64: { architecture: 'amd64' },
  aarch64: { architecture: 'arm64' },
  armv7l: { architecture: 'arm', variant: 'v7' },
  armv6l: { architecture: 'arm', variant: 'v6' },
  i386: { architecture: '386' },
  i686: { architecture: '386' },
};

export function hostFacts(name: string, endpoint: string, info: EngineInfo): HostFacts {
  const raw = info.Architecture ?? '';
  const platform: OciPlatform = UNAME_TO_OCI[raw] ?? { architecture: raw };
  return {
    name,
    endpoint,
    ...(info.OSType && { os: info.OSType }),
    ...(platform.architecture && { architecture: platform.architecture }),
    ...(platform.variant && { variant: platform.variant }),
    ...(info.ServerVersion && { engineVersion: info.ServerVersion }),
  };
}
