// What changed since an earlier report, or since a time according to the store's history: images
// added and removed, repositories whose running version changed (the references that went and the
// ones that came, paired by repository), images newly outdated and no longer outdated.
import type { HistoryEntry } from '../model/history.js';
import type { DiffImage, DiffOutdated, DiffUpdate, Report, ReportDiff, ReportImage } from './model.js';
import { referenceNames } from './reference-names.js';
import { compareText } from '../model/compare-text.js';

/** Compares the images of two reports; build both with the same selection, or filters read as changes. */
export function diffReports(
  earlier: Pick<Report, 'generatedAt' | 'images'>,
  images: readonly ReportImage[],
): ReportDiff {
  const before = new Map(earlier.images.map((image) => [image.reference, image]));
  const after = new Map(images.map((image) => [image.reference, image]));
  const both = images.filter((image) => before.has(image.reference));
  const wasOutdated = (image: ReportImage): boolean => isOutdated(before.get(image.reference));
  return {
    basis: 'report',
    since: earlier.generatedAt,
    ...pairByRepository(
      earlier.images.filter((image) => !after.has(image.reference)),
      images.filter((image) => !before.has(image.reference)),
    ),
    newlyOutdated: both.filter((image) => isOutdated(image) && !wasOutdated(image)).flatMap(outdatedEntry),
    noLongerOutdated: both.filter((image) => !isOutdated(image) && wasOutdated(image)).map(diffImage),
  };
}

/**
 * Reads the history since `since` (epoch ms): the last `appeared`/`disappeared` event of each
 * reference says whether it was added or removed, and an `update-found` event of an image that is
 * still outdated makes it newly outdated. The history records no "update gone" event, so
 * `noLongerOutdated` is null (unknown) rather than an empty list that would claim none.
 */
export function diffFromHistory(
  images: readonly ReportImage[],
  history: readonly HistoryEntry[],
  since: number,
): ReportDiff {
  const current = new Map(images.map((image) => [image.reference, image]));
  const lastPresence = new Map<string, 'appeared' | 'disappeared'>();
  const updatesFound = new Set<string>();
  // Oldest first, so the last presence event of a reference wins.
  for (const entry of [...history].sort((a, b) => a.at - b.at)) {
    if (entry.at < since) continue;
    if (entry.kind === 'appeared' || entry.kind === 'disappeared')
      lastPresence.set(entry.reference, entry.kind);
    if (entry.kind === 'update-found') updatesFound.add(entry.reference);
  }
  const withKind = (kind: 'appeared' | 'disappeared'): string[] =>
    [...lastPresence].filter(([, last]) => last === kind).map(([reference]) => reference);
  const added = withKind('appeared').flatMap((reference) => current.get(reference) ?? []);
  return {
    basis: 'history',
    since: new Date(since).toISOString(),
    ...pairByRepository(withKind('disappeared').map(diffImageOf), added),
    newlyOutdated: images.filter((image) => updatesFound.has(image.reference)).flatMap(outdatedEntry),
    noLongerOutdated: null,
  };
}

/** A repository that lost references and gained others was updated; the rest were removed or added. */
function pairByRepository(
  gone: readonly DiffImage[],
  came: readonly DiffImage[],
): Pick<ReportDiff, 'added' | 'removed' | 'updated'> {
  const repositoryOf = (image: DiffImage): string => referenceNames(image.reference).repository;
  const goneRepositories = new Set(gone.map(repositoryOf));
  const cameRepositories = new Set(came.map(repositoryOf));
  const updatedRepositories = [...goneRepositories]
    .filter((repository) => cameRepositories.has(repository))
    .sort();
  const updated: DiffUpdate[] = updatedRepositories.map((repository) => ({
    repository,
    from: sorted(gone.filter((image) => repositoryOf(image) === repository).map(diffImage)),
    to: sorted(came.filter((image) => repositoryOf(image) === repository).map(diffImage)),
  }));
  const paired = new Set(updatedRepositories);
  return {
    added: sorted(came.filter((image) => !paired.has(repositoryOf(image))).map(diffImage)),
    removed: sorted(gone.filter((image) => !paired.has(repositoryOf(image))).map(diffImage)),
    updated,
  };
}

function isOutdated(image: ReportImage | undefined): boolean {
  return image?.update != null && image.update.kind !== 'none';
}

function outdatedEntry(image: ReportImage): DiffOutdated[] {
  const update = image.update;
  if (update === null || update.kind === 'none') return [];
  return [{ ...diffImage(image), kind: update.kind, latest: update.latest }];
}

function diffImage(image: DiffImage): DiffImage {
  return { reference: image.reference, familiar: image.familiar };
}

function diffImageOf(reference: string): DiffImage {
  return { reference, familiar: referenceNames(reference).familiar };
}

function sorted(images: DiffImage[]): DiffImage[] {
  return images.sort((a, b) => compareText(a.reference, b.reference));
}
