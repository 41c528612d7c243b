// Parses a static list of image references: one per line, `#` starts a comment, blank lines are
// ignored. A bad line is reported with its number and never hides the good ones.
import { parseReference } from '../../oci/reference.js';
import { messageOf } from '../../model/message-of.js';

export interface StaticListEntry {
  readonly line: number;
  readonly reference: string; // normalized
}

export interface StaticListProblem {
  readonly line: number;
  readonly text: string;
  readonly message: string;
}

export interface StaticList {
  readonly entries: readonly StaticListEntry[];
  readonly problems: readonly StaticListProblem[];
}

export function parseStaticList(content: string): StaticList {
  const entries: StaticListEntry[] = [];
  const problems: StaticListProblem[] = [];
  const seen = new Set<string>();
  content.split(/\r?\n/).forEach((raw, index) => {
    const text = raw.replace(/#.*$/, '').trim();
    if (text === '') return;
    const line = index + 1;
    try {
      const reference = parseReference(text).toString();
      if (seen.has(reference)) return;
      seen.add(reference);
      entries.push({ line, reference });
    } catch (error) {
      problems.push({ line, text, message: messageOf(error) });
    }
  });
  return { entries, problems };
}
