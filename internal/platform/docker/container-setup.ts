// What recreating a container by hand must carry over: the settings given at `docker run` (or by
// the API), read from the Engine API's container and image inspect (GET /containers/{id}/json and
// GET /images/{id}/json, API v1.41 ContainerInspectResponse, HostConfig, ImageInspect). A value the
// image itself sets (its Env, Cmd, Entrypoint, User, WorkingDir, Labels) is not the user's and is
// left out: the new image brings its own. Read defensively: Podman and old engines leave fields null.
//
// Environment values are never read out: they often hold passwords. Only the names are kept.
import type Dockerode from 'dockerode';

export interface PortSetting {
  /** `80/tcp`. */
  readonly containerPort: string;
  /** Empty for every interface. */
  readonly hostIp: string;
  /** Empty for a port Docker picks. */
  readonly hostPort: string;
}

export type MountSetting =
  | { readonly type: 'bind'; readonly source: string; readonly target: string; readonly readOnly: boolean }
  | {
      readonly type: 'volume';
      readonly name: string;
      readonly target: string;
      readonly readOnly: boolean;
      /** Made by Docker for the image's VOLUME: its data is lost unless the new container reuses it by name. */
      readonly anonymous: boolean;
    }
  | { readonly type: 'tmpfs'; readonly target: string; readonly options: string };

export interface DeviceSetting {
  readonly host: string;
  readonly container: string;
  readonly permissions: string;
}

export interface ContainerSetup {
  readonly name: string;
  /** The image as the user wrote it at create time: `nginx:1.25`, `localhost:5000/app@sha256:…`. */
  readonly configImage: string;
  readonly ports: readonly PortSetting[];
  /** `-P`: every exposed port on a random host port. */
  readonly publishAll: boolean;
  readonly mounts: readonly MountSetting[];
  /** The variables the user set (not the image's), by name only. */
  readonly env: readonly string[];
  /** Null for `no`. */
  readonly restart: { readonly name: string; readonly maximumRetryCount: number } | null;
  /** The network mode when it is not the default bridge (`host`, `none`, a network name, `container:<id>`). */
  readonly network: string | null;
  /** Further networks the container joined after its first one (`docker network connect`). */
  readonly extraNetworks: readonly string[];
  /** Labels the user set (not the image's). */
  readonly labels: Readonly<Record<string, string>>;
  readonly user: string | null;
  readonly workingDir: string | null;
  /**
   * Null when the image's entrypoint and command are used. Else the entrypoint when it is not the
   * image's, and the whole command (`docker run --entrypoint` drops the image's command, so it is
   * given again even when it is the image's).
   */
  readonly command: { readonly entrypoint: readonly string[] | null; readonly cmd: readonly string[] } | null;
  readonly hostname: string | null;
  readonly tty: boolean;
  readonly interactive: boolean;
  readonly autoRemove: boolean;
  readonly privileged: boolean;
  readonly init: boolean;
  readonly readOnlyRootfs: boolean;
  readonly capAdd: readonly string[];
  readonly capDrop: readonly string[];
  readonly devices: readonly DeviceSetting[];
  readonly extraHosts: readonly string[];
  readonly dns: readonly string[];
  readonly securityOpt: readonly string[];
  /** Bytes; null for no limit. */
  readonly memory: number | null;
  /** Billionths of a CPU; null for no limit. */
  readonly nanoCpus: number | null;
  /** Settings made that have no flag above, by their Engine API field name: carried over by hand. */
  readonly other: readonly string[];
}

/** dockerd's default /dev/shm size (64 MiB). */
const DEFAULT_SHM_SIZE = 64 * 1024 * 1024;
const DEFAULT_NETWORK_MODES = new Set(['', 'default', 'bridge']);

/** Inspects the container and its image; undefined when the container is gone. */
export async function inspectContainerSetup(
  docker: Dockerode,
  containerId: string,
): Promise<ContainerSetup | undefined> {
  const container = await orGone(docker.getContainer(containerId).inspect());
  if (container === undefined) return undefined;
  // The image may have been deleted since: then every setting counts as the user's.
  const image = await orGone(docker.getImage(container.Image).inspect());
  return containerSetup(container, image);
}

export function containerSetup(
  container: Dockerode.ContainerInspectInfo,
  image: Dockerode.ImageInspectInfo | undefined,
): ContainerSetup {
  const config = container.Config;
  const host = container.HostConfig ?? {};
  const imageConfig = image?.Config;
  const imageEnv = new Set(imageConfig?.Env ?? []);
  const imageLabels = imageConfig?.Labels ?? {};
  const networkMode = host.NetworkMode ?? '';
  const networks = Object.keys(container.NetworkSettings?.Networks ?? {});
  const restart = host.RestartPolicy;
  return {
    name: container.Name.replace(/^\//, ''),
    configImage: config.Image,
    ports: portsOf(host.PortBindings),
    publishAll: host.PublishAllPorts === true,
    mounts: (container.Mounts ?? []).flatMap(mountOf).concat(tmpfsOf(host.Tmpfs)),
    env: (config.Env ?? []).filter((entry) => !imageEnv.has(entry)).map((entry) => entry.split('=')[0]!),
    restart:
      restart?.Name === undefined || restart.Name === '' || restart.Name === 'no'
        ? null
        : { name: restart.Name, maximumRetryCount: restart.MaximumRetryCount ?? 0 },
    network: DEFAULT_NETWORK_MODES.has(networkMode) ? null : networkMode,
    extraNetworks: networks.filter((name) => name !== networkMode && !DEFAULT_NETWORK_MODES.has(name)),
    labels: Object.fromEntries(
      Object.entries(config.Labels ?? {}).filter(([key, value]) => imageLabels[key] !== value),
    ),
    user: differs(config.User, imageConfig?.User),
    workingDir: differs(config.WorkingDir, imageConfig?.WorkingDir),
    command: commandOf(config, imageConfig),
    // Docker names a container's host after the first 12 characters of its id; host mode uses the host's.
    hostname:
      config.Hostname && config.Hostname !== container.Id.slice(0, 12) && networkMode !== 'host'
        ? config.Hostname
        : null,
    tty: config.Tty === true,
    interactive: config.OpenStdin === true,
    autoRemove: host.AutoRemove === true,
    privileged: host.Privileged === true,
    init: host.Init === true,
    readOnlyRootfs: host.ReadonlyRootfs === true,
    capAdd: strings(host.CapAdd),
    capDrop: strings(host.CapDrop),
    devices: devicesOf(host.Devices),
    extraHosts: strings(host.ExtraHosts),
    dns: strings(host.Dns),
    securityOpt: strings(host.SecurityOpt),
    memory: host.Memory ? host.Memory : null,
    nanoCpus: host.NanoCpus ? host.NanoCpus : null,
    other: otherSettings(host),
  };
}

/** HostConfig fields with no flag in ContainerSetup that differ from dockerd's defaults. */
function otherSettings(host: Dockerode.HostConfig): string[] {
  const set = (value: unknown): boolean =>
    Array.isArray(value)
      ? value.length > 0
      : typeof value === 'object' && value !== null
        ? Object.keys(value).length > 0
        : value !== undefined && value !== null && value !== '' && value !== 0 && value !== false;
  const checks: Record<string, boolean> = {
    Sysctls: set(host.Sysctls),
    Ulimits: set(host.Ulimits),
    Links: set(host.Links),
    VolumesFrom: set(host.VolumesFrom),
    GroupAdd: set(host.GroupAdd),
    DnsSearch: set(host.DnsSearch),
    DnsOptions: set(host.DnsOptions),
    DeviceRequests: set(host.DeviceRequests),
    DeviceCgroupRules: set(host.DeviceCgroupRules),
    CgroupParent: set(host.CgroupParent),
    PidMode: set(host.PidMode),
    IpcMode: host.IpcMode !== undefined && !['', 'private', 'shareable'].includes(host.IpcMode),
    UTSMode: set(host.UTSMode),
    UsernsMode: set(host.UsernsMode),
    Runtime: host.Runtime !== undefined && !['', 'runc'].includes(host.Runtime),
    ShmSize: host.ShmSize !== undefined && host.ShmSize !== 0 && host.ShmSize !== DEFAULT_SHM_SIZE,
    PidsLimit: set(host.PidsLimit) && (host.PidsLimit ?? 0) > 0,
    MemoryReservation: set(host.MemoryReservation),
    MemorySwap: set(host.MemorySwap) && host.MemorySwap !== -1,
    CpuShares: set(host.CpuShares),
    CpusetCpus: set(host.CpusetCpus),
    CpuQuota: set(host.CpuQuota),
    OomKillDisable: set(host.OomKillDisable),
    OomScoreAdj: set(host.OomScoreAdj),
  };
  return Object.entries(checks).flatMap(([name, differs]) => (differs ? [name] : []));
}

function portsOf(bindings: unknown): PortSetting[] {
  if (typeof bindings !== 'object' || bindings === null) return [];
  return Object.entries(bindings as Record<string, unknown>).flatMap(([containerPort, hosts]) =>
    (Array.isArray(hosts) ? hosts : []).map((binding: { HostIp?: string; HostPort?: string }) => ({
      containerPort,
      hostIp: binding?.HostIp ?? '',
      hostPort: binding?.HostPort ?? '',
    })),
  );
}

function mountOf(mount: Dockerode.ContainerInspectInfo['Mounts'][number]): MountSetting[] {
  const readOnly = mount.RW === false;
  switch (mount.Type) {
    case 'bind':
      return [{ type: 'bind', source: mount.Source, target: mount.Destination, readOnly }];
    case 'volume': {
      const name = mount.Name ?? '';
      // Anonymous volumes are named by 64 hex characters (daemon/volumes.go, stringid.GenerateRandomID).
      return [
        { type: 'volume', name, target: mount.Destination, readOnly, anonymous: /^[a-f0-9]{64}$/.test(name) },
      ];
    }
    default:
      return []; // tmpfs mounts are read from HostConfig.Tmpfs; npipe and cluster do not occur on Linux
  }
}

function tmpfsOf(tmpfs: Readonly<Record<string, string>> | undefined): MountSetting[] {
  return Object.entries(tmpfs ?? {}).map(([target, options]) => ({ type: 'tmpfs', target, options }));
}

function devicesOf(devices: unknown): DeviceSetting[] {
  if (!Array.isArray(devices)) return [];
  return devices.map(
    (device: { PathOnHost?: string; PathInContainer?: string; CgroupPermissions?: string }) => ({
      host: device.PathOnHost ?? '',
      container: device.PathInContainer ?? '',
      permissions: device.CgroupPermissions ?? 'rwm',
    }),
  );
}

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value]; // old engines give a lone string for Entrypoint
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function differs(value: string | undefined, imageValue: string | undefined): string | null {
  return value !== undefined && value !== '' && value !== (imageValue ?? '') ? value : null;
}

type CommandConfig = { readonly Entrypoint?: unknown; readonly Cmd?: unknown };

function commandOf(config: CommandConfig, image: CommandConfig | undefined): ContainerSetup['command'] {
  const entrypoint = strings(config.Entrypoint ?? []);
  const cmd = strings(config.Cmd ?? []);
  const same = (a: string[], b: string[]) => JSON.stringify(a) === JSON.stringify(b);
  const entrypointOwn = !same(entrypoint, strings(image?.Entrypoint ?? []));
  if (!entrypointOwn && same(cmd, strings(image?.Cmd ?? []))) return null;
  return { entrypoint: entrypointOwn ? entrypoint : null, cmd };
}

/** The inspected object, or undefined when the daemon says 404 (removed meanwhile). */
export function orGone<T>(inspecting: Promise<T>): Promise<T | undefined> {
  return inspecting.catch((error: unknown) =>
    (error as { statusCode?: number } | undefined)?.statusCode === 404 ? undefined : Promise.reject(error),
  );
}
