// One store image (ImageDetails) as the report shows it. Only titles and addresses of release notes
// are kept (bodies are long, untrusted Markdown that no report format should carry), and only the
// advisories the update fixes.
import type { ImageDetails, ReleaseNote, Severity, Vulnerability } from '../model/image.js';
import { locationsOf } from './locations.js';
import type { ReportFixes, ReportImage, ReportReleaseNote, ReportUpdate } from './model.js';
import { referenceNames } from './reference-names.js';
import { httpUrl } from '../model/safe-url.js';

/** Worst first; `unknown` last because nothing says it is serious. */
const SEVERITY_ORDER: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'unknown'];

export function reportImage(details: ImageDetails): ReportImage {
  const { familiar, repository } = referenceNames(details.reference);
  return {
    reference: details.reference,
    familiar,
    repository,
    status: details.status,
    error: details.error,
    currentTag: details.result?.currentTag ?? null,
    update: reportUpdate(details),
    releaseNotes: details.releaseNotes.map(releaseNoteLink),
    fixes: fixesOf(details.vulnerabilities),
    locations: locationsOf(details.runsOn),
  };
}

function reportUpdate(details: ImageDetails): ReportUpdate | null {
  const { result } = details;
  if (result === null) return null;
  const latestTag = result.latestReference === null ? null : tagOf(result.latestReference);
  const note =
    latestTag === null ? undefined : details.releaseNotes.find((n) => sameVersion(n.version, latestTag));
  return {
    kind: result.kind,
    latest: result.latestReference,
    candidates: { ...result.candidates },
    releasedAt: note?.publishedAt == null ? null : new Date(note.publishedAt).toISOString(),
    checkedAt: new Date(result.checkedAt).toISOString(),
  };
}

function tagOf(reference: string): string | null {
  const { familiar, repository } = referenceNames(reference);
  return familiar.startsWith(`${repository}:`) ? familiar.slice(repository.length + 1) : null;
}

/** Release notes are often named `v1.2.3` for the tag `1.2.3` (GitHub releases vs image tags). */
function sameVersion(noteVersion: string, tag: string): boolean {
  const bare = (version: string): string => version.replace(/^v(?=\d)/, '');
  return bare(noteVersion) === bare(tag);
}

function releaseNoteLink(note: ReleaseNote): ReportReleaseNote {
  return { title: note.title, url: note.url === null ? null : httpUrl(note.url) };
}

function fixesOf(vulnerabilities: readonly Vulnerability[]): ReportFixes | null {
  const fixed = vulnerabilities.filter((v) => v.updateEffect === 'fixed-by-update');
  const worst = SEVERITY_ORDER.find((severity) => fixed.some((v) => v.severity === severity));
  if (worst === undefined) return null;
  return { count: fixed.length, ids: fixed.map((v) => v.id).sort(), worstSeverity: worst };
}
