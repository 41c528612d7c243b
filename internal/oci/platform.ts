// Which entry of an image index a machine runs, matched like containerd's platforms package
// (github.com/containerd/platforms: database.go normalizeArch, platforms.go Normalize + Match):
// names are normalized first ("aarch64" is arm64, arm64's default variant v8 is the same as none,
// bare "arm" means arm/v7), then os, architecture and variant must be equal. No fallbacks
// (platforms.Only would let arm64 also run arm/v7): an update check compares like for like.

export interface ImagePlatform {
  readonly os: string;
  readonly architecture: string;
  readonly variant?: string;
}

export function normalizePlatform(platform: ImagePlatform): Required<ImagePlatform> {
  const os = platform.os.toLowerCase();
  const [architecture, variant] = normalizeArch(
    platform.architecture.toLowerCase(),
    (platform.variant ?? '').toLowerCase(),
  );
  return { os: os === 'macos' ? 'darwin' : os, architecture, variant };
}

// containerd database.go normalizeArch.
function normalizeArch(arch: string, variant: string): [string, string] {
  switch (arch) {
    case 'i386':
      return ['386', ''];
    case 'x86_64':
    case 'x86-64':
    case 'amd64':
      return ['amd64', variant === 'v1' ? '' : variant];
    case 'aarch64':
    case 'arm64':
      return ['arm64', variant === '8' || variant === 'v8' ? '' : variant];
    case 'armhf':
      return ['arm', 'v7'];
    case 'armel':
      return ['arm', 'v6'];
    case 'arm':
      if (variant === '' || variant === '7') return ['arm', 'v7'];
      if (/^[5-8]$/.test(variant)) return ['arm', `v${variant}`];
      return ['arm', variant];
    default:
      return [arch, variant];
  }
}

export function platformMatches(wanted: ImagePlatform, candidate: ImagePlatform): boolean {
  const a = normalizePlatform(wanted);
  const b = normalizePlatform(candidate);
  return a.os === b.os && a.architecture === b.architecture && a.variant === b.variant;
}

export function formatPlatform(platform: ImagePlatform): string {
  return [platform.os, platform.architecture, platform.variant].filter((part) => part).join('/');
}
