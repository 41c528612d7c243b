// The "why" of a check: every tag the registry listed and whether it was kept (as which bump) or
// dropped (and why). The store hands it back as plain JSON; this checks its shape before drawing it.
import type { Json } from '../../../internal/model/json.js';
import type { TagVerdict } from '../../../internal/api/contract.js';

type Bump = Extract<TagVerdict, { kept: true }>['bump'];
type DropReason = Extract<TagVerdict, { kept: false }>['reason'];

const BUMPS: readonly Bump[] = ['major', 'minor', 'patch'];

/** What each drop reason means, in the user's words (internal/version/types.ts). */
export const DROP_REASONS: Readonly<Record<DropReason, string>> = {
  'current-invalid': 'Current tag is not a version: only digest updates apply',
  ignored: 'Ignored by a rule',
  pinned: 'Pinned by a rule',
  invalid: 'Not a version',
  'suffix-differs': 'Different variant suffix',
  'precision-differs': 'Different number of version parts',
  same: 'Same version as the current one',
  older: 'Older than the current version',
  prerelease: 'Prerelease',
  excluded: 'Matches an exclude rule',
  'not-included': 'Matches no include rule',
  'other-major': 'Other major version (stay on current major)',
  'not-below': 'Not below the "stay below" limit',
};

function isDropReason(value: Json | undefined): value is DropReason {
  return typeof value === 'string' && Object.hasOwn(DROP_REASONS, value);
}

function isBump(value: Json | undefined): value is Bump {
  return typeof value === 'string' && (BUMPS as readonly string[]).includes(value);
}

function toVerdict(entry: Json): TagVerdict | null {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return null;
  const { tag, kept, bump, reason, detail } = entry as { readonly [key: string]: Json };
  if (typeof tag !== 'string') return null;
  if (kept === true && isBump(bump)) return { tag, kept: true, bump };
  if (kept === false && isDropReason(reason)) {
    return { tag, kept: false, reason, detail: typeof detail === 'string' ? detail : '' };
  }
  return null;
}

/** The verdicts in `explanation`; entries of an unknown shape (a newer core) are left out, not guessed. */
export function parseExplanation(explanation: Json): TagVerdict[] {
  if (!Array.isArray(explanation)) return [];
  return explanation.map(toVerdict).filter((verdict): verdict is TagVerdict => verdict !== null);
}
