// Every platform kind, in the order their platforms are listed. A new kind adds its descriptor
// here (internal/platform/platform.ts says what one is); the hosts loop over this list.
import { dockerDescriptor } from './docker/docker-descriptor.js';
import { kubernetesDescriptor } from './kubernetes/kubernetes-descriptor.js';
import type { PlatformDescriptor } from './platform.js';
import { staticDescriptor } from './static/static-descriptor.js';

// `unknown` erases each kind's Found type: a host only hands what a kind's discover() gave back to
// that same kind, so it never needs to know it.
export const PLATFORM_KINDS: readonly PlatformDescriptor<unknown>[] = [
  staticDescriptor,
  dockerDescriptor,
  kubernetesDescriptor,
];
