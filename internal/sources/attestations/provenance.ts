// SLSA provenance → where the image came from. Field names: slsa.dev/spec/v0.2/provenance,
// slsa.dev/spec/v1.1/provenance, BuildKit's docs/attestations/slsa-definitions.md (configSource,
// the `https://mobyproject.org/buildkit@v1#metadata` vcs entry) and GitHub's
// actions/buildtypes/workflow/v1 (externalParameters.workflow, resolvedDependencies).
import { isRecord } from '../../oci/manifest.js';
import { PREDICATE_TYPES, type Provenance } from './types.js';

const BUILDKIT_METADATA = 'https://mobyproject.org/buildkit@v1#metadata';

type Json = Record<string, unknown>;

export function isProvenance(predicateType: string): boolean {
  return predicateType === PREDICATE_TYPES.slsaV02 || predicateType === PREDICATE_TYPES.slsaV1;
}

export function parseProvenance(predicateType: string, predicate: unknown): Provenance {
  const p = record(predicate);
  return predicateType === PREDICATE_TYPES.slsaV02 ? fromV02(p) : fromV1(p);
}

function fromV02(p: Json): Provenance {
  const configSource = record(record(p.invocation).configSource);
  const metadata = record(p.metadata);
  const vcs = record(record(metadata[BUILDKIT_METADATA]).vcs);
  return {
    predicateType: PREDICATE_TYPES.slsaV02,
    builderId: text(record(p.builder).id),
    sourceRepository: repositoryUrl(text(vcs.source) ?? text(configSource.uri)),
    revision: text(vcs.revision) ?? text(record(configSource.digest).sha1),
    buildTime: time(metadata.buildFinishedOn) ?? time(metadata.buildStartedOn),
  };
}

function fromV1(p: Json): Provenance {
  const definition = record(p.buildDefinition);
  const external = record(definition.externalParameters);
  const configSource = record(external.configSource);
  const workflow = record(external.workflow);
  const details = record(p.runDetails);
  const metadata = record(details.metadata);
  const vcs = record(record(metadata[BUILDKIT_METADATA]).vcs);
  const firstDependency = Array.isArray(definition.resolvedDependencies)
    ? record(definition.resolvedDependencies[0])
    : {};
  return {
    predicateType: PREDICATE_TYPES.slsaV1,
    builderId: text(record(details.builder).id),
    sourceRepository: repositoryUrl(
      text(vcs.source) ?? text(configSource.uri) ?? text(workflow.repository) ?? text(firstDependency.uri),
    ),
    revision:
      text(vcs.revision) ??
      text(record(configSource.digest).sha1) ??
      text(record(firstDependency.digest).gitCommit),
    buildTime: time(metadata.finishedOn) ?? time(metadata.startedOn),
  };
}

/**
 * `git+https://github.com/o/r.git@refs/heads/main`, `https://github.com/o/r.git#v1` →
 * `https://github.com/o/r`. Anything but http(s) is dropped: the UI turns this into a link, and a
 * `javascript:` URL from an untrusted attestation must never become one.
 */
export function repositoryUrl(value: string | null): string | null {
  if (value === null) return null;
  let url: URL;
  try {
    url = new URL(value.replace(/^git\+/, ''));
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  // `…/r@refs/heads/main` (GitHub's resolvedDependencies) names a ref after the repository path.
  const path = url.pathname
    .replace(/@.*$/, '')
    .replace(/\/+$/, '')
    .replace(/\.git$/, '');
  return `${url.protocol}//${url.host}${path}`;
}

function record(value: unknown): Json {
  return isRecord(value) ? value : {};
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function time(value: unknown): number | null {
  const ms = typeof value === 'string' ? Date.parse(value) : NaN;
  return Number.isNaN(ms) ? null : ms;
}
