// How a finished `scan` ends: its exit code (exit-codes.ts), and the lines that say on stderr what
// could not be checked. Images that failed, list lines that are not references and platforms that
// are not live all mean "not everything was checked": never a silent 0, and for `--fail-on` never
// a pass (issue 14: a CI gate over a list of only malformed lines passed).
import type { PlatformInfo } from '../app.js';
import type { ImageListItem } from '../model/image.js';
import type { BumpKind } from '../report/index.js';
import { EXIT, type ExitCode } from './exit-codes.js';

export interface ScanFacts {
  /** Every image the store holds (those that no longer run anywhere are left out here). */
  readonly images: readonly Pick<ImageListItem, 'status' | 'tags' | 'disappearedAt'>[];
  readonly platforms: readonly PlatformInfo[];
  /** `--platform`: only these platform ids are judged; null: all. */
  readonly scope: readonly string[] | null;
  readonly failOn: BumpKind | null;
  /** `--fail-on` found its update. */
  readonly updateFound: boolean;
}

export interface ScanOutcome {
  readonly code: ExitCode;
  /** What to tell the user, one line each (untrusted text: escape before printing). */
  readonly notes: readonly string[];
}

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

export function scanOutcome(facts: ScanFacts): ScanOutcome {
  const inScope = (platform: string) => facts.scope === null || facts.scope.includes(platform);
  const platforms = facts.platforms.filter((platform) => inScope(platform.id));
  const images = facts.images.filter(
    (image) =>
      image.disappearedAt === null &&
      image.tags.some((tag) => tag.startsWith('platform:') && inScope(tag.slice('platform:'.length))),
  );
  const failed = images.filter((image) => image.status === 'failed').length;
  const checked = images.filter((image) => image.status === 'done').length;
  const notes: string[] = [];
  for (const { id, status } of platforms) {
    if (status.state === 'live') continue;
    const problems = status.state === 'degraded' ? (status.problems ?? []) : [];
    if (problems.length > 0) {
      const lines = problems.map((problem) => problem.line).join(', ');
      const one = problems.length === 1;
      notes.push(
        `${id}: ${problems.length} ${one ? 'line is not an image reference (line' : 'lines are not image references (lines'} ${lines})`,
      );
    } else {
      const state = status.state === 'failed' ? 'failed' : `is ${status.state}`;
      notes.push(`${id} ${state}${'reason' in status ? `: ${status.reason}` : ''}`);
    }
  }
  if (failed > 0) {
    notes.push(
      `${failed} of ${plural(images.length, 'image', 'images')} could not be checked (the "error" of each says why)`,
    );
  }
  if (facts.platforms.length === 0) notes.push('nothing was checked: no platform to scan (see --help)');
  const complete = notes.length === 0;

  if (facts.failOn !== null && facts.updateFound) {
    notes.push(`--fail-on ${facts.failOn}: an image has a ${facts.failOn} update or bigger`);
    return { code: EXIT.updateFound, notes };
  }
  if (complete) return { code: EXIT.ok, notes };
  if (facts.failOn !== null) {
    notes.push(
      `--fail-on ${facts.failOn} could not decide: no such update among the ` +
        `${plural(checked, 'image', 'images')} checked, but not everything could be checked`,
    );
    return { code: EXIT.undecided, notes };
  }
  return { code: EXIT.notChecked, notes };
}
