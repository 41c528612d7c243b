// The update of one container of a Kubernetes workload: `kubectl set image` on the top owner (the
// Deployment, not its ReplicaSet or pods), a kustomize `images:` entry and a strategic-merge patch
// of the owner for whoever keeps manifests, and first of all who else applies this workload.
//
// What each owner kind allows (Kubernetes API reference; kubectl set image's resource list):
// - Deployment, StatefulSet, DaemonSet: a changed pod template rolls the pods.
// - ReplicaSet (no Deployment above it): the template changes, the running pods do not.
// - CronJob: the next Jobs use it; a Job already started keeps its image.
// - Job: `spec.template` is immutable, so `set image` fails; the manifest changes and the Job is
//   created again.
// - Pod (no owner): `spec.containers[*].image` and `spec.initContainers[*].image` may change.
// `kubectl set image` finds init containers by name like the others (no flag needed); ephemeral
// containers (`kubectl debug`) cannot be changed at all.
import { stringify } from 'yaml';
import type { WorkloadKind } from '../graph/types.js';
import { OWNER_KINDS } from '../platform/kubernetes/pod-part.js';
import { respell, splitWritten } from './image-spelling.js';
import { managedBy, managedNote } from './managed-by.js';
import type { KubernetesPlace } from './places.js';
import { shellCommand } from './shell-quote.js';
import type { KubeOwnerKind, KubernetesAction, UpdateTarget } from './types.js';

/** The API kind of each owner node kind: the Kubernetes platform's map, read backwards. */
const API_KINDS = {
  ...(Object.fromEntries(Object.entries(OWNER_KINDS).map(([kind, owner]) => [owner.kind, kind])) as Record<
    WorkloadKind,
    Exclude<KubeOwnerKind, 'Pod'>
  >),
  pod: 'Pod',
} as const satisfies Record<WorkloadKind | 'pod', KubeOwnerKind>;

const API_VERSIONS: Readonly<Record<KubeOwnerKind, string>> = {
  Deployment: 'apps/v1',
  StatefulSet: 'apps/v1',
  DaemonSet: 'apps/v1',
  ReplicaSet: 'apps/v1',
  CronJob: 'batch/v1',
  Job: 'batch/v1',
  Pod: 'v1',
};

export function kubernetesAction(place: KubernetesPlace, target: UpdateTarget): KubernetesAction {
  const top = place.owners.at(-1) ?? place.pod;
  const owner = { kind: API_KINDS[top.kind], name: top.name };
  const managed = managedBy(top.labels);
  const written = place.image.name;
  const base = {
    kind: 'kubernetes' as const,
    platform: place.platform,
    place: [
      place.context,
      place.namespace,
      `${owner.kind.toLowerCase()}/${owner.name}`,
      place.container.name,
    ],
    context: place.context,
    namespace: place.namespace,
    owner,
    container: place.container.name,
    role: place.container.role,
    managedBy: managed,
  };
  const notes = managed === null ? [] : [managedNote(managed)];
  const nothing = { image: null, commands: [], kustomize: null, patch: null };

  if (place.container.role === 'ephemeral') {
    notes.push(
      `${place.container.name} is an ephemeral container (kubectl debug): it cannot be changed; start a new one with kubectl debug --image when needed.`,
    );
    return { ...base, ...nothing, notes };
  }
  const pinned = splitWritten(written).digest !== undefined;
  // The tag of a digest update stays: only a changed spec makes Kubernetes roll, so pin the digest.
  const pin = pinned || target.bump === 'digest';
  if (pin && target.digest === null) {
    notes.push(
      `The digest of ${target.tag} is not known (see above), so the pinned image cannot be written.`,
    );
    return { ...base, ...nothing, notes };
  }
  const image = pin
    ? `${splitWritten(written).name}:${target.tag}@${target.digest}`
    : respell(written, target.tag, null);
  if (target.bump === 'digest' && !pinned) {
    notes.push(
      `The tag ${target.tag} stays the same, so this pins its new digest: a kubectl rollout restart would pull it only where imagePullPolicy is Always.`,
    );
  }

  const kubectl = ['kubectl', '--context', place.context, '-n', place.namespace];
  const setImage = shellCommand([
    ...kubectl,
    'set',
    'image',
    `${owner.kind.toLowerCase()}/${owner.name}`,
    `${place.container.name}=${image}`,
  ]);
  const commands: string[] = [];
  switch (owner.kind) {
    case 'Job':
      notes.push(
        `A Job's pod template cannot be changed (spec.template is immutable): change the manifest it comes from (the kustomize entry or patch below) and create the Job again.`,
      );
      break;
    case 'ReplicaSet':
      notes.push(
        'A ReplicaSet does not replace its running pods: delete them after this for the new image to run. If a controller Cupdate does not follow (e.g. an Argo Rollout) owns it, change that instead.',
      );
      commands.push(setImage);
      break;
    case 'CronJob':
      notes.push('Jobs already started keep the old image; the next scheduled Job uses the new one.');
      commands.push(setImage);
      break;
    case 'Pod':
      notes.push(
        'This pod has no owner: if it came from a manifest, change that too, or the next apply brings the old image back.',
      );
      commands.push(setImage);
      break;
    default:
      commands.push(setImage);
  }
  return {
    ...base,
    image,
    notes,
    commands,
    kustomize: kustomizeEntry(written, image),
    patch: strategicMergePatch(
      owner.kind,
      owner.name,
      place.namespace,
      place.container.role,
      place.container.name,
      image,
    ),
  };
}

/** A kustomization's `images:` entry that turns `written` into `image` (kustomize "images" field). */
function kustomizeEntry(written: string, image: string): string {
  const next = splitWritten(image);
  // kustomize matches `name` against the manifests' spelling exactly (nginx ≠ docker.io/library/nginx).
  const entry = {
    name: splitWritten(written).name,
    ...(next.tag !== undefined && { newTag: next.tag }),
    ...(next.digest !== undefined && { digest: next.digest }),
  };
  return stringify({ images: [entry] });
}

/** The owner with only this container's image, as a strategic-merge patch (merged by container name). */
function strategicMergePatch(
  kind: KubeOwnerKind,
  name: string,
  namespace: string,
  role: 'container' | 'init',
  container: string,
  image: string,
): string {
  const list = role === 'init' ? 'initContainers' : 'containers';
  const podSpec = { [list]: [{ name: container, image }] };
  const spec =
    kind === 'Pod'
      ? podSpec
      : kind === 'CronJob'
        ? { jobTemplate: { spec: { template: { spec: podSpec } } } }
        : { template: { spec: podSpec } };
  return stringify({ apiVersion: API_VERSIONS[kind], kind, metadata: { name, namespace }, spec });
}
