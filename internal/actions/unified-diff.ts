// A unified diff (the format of GNU diff -u and git diff, which `patch -p1` and `git apply` read)
// of one replacement in a text file: the lines it touches, with three lines of context. Written
// by hand because the change is known exactly (one scalar of a compose file), so there is nothing
// to search for: a general differ would only find what we already know.

const CONTEXT_LINES = 3;
const NO_NEWLINE = '\\ No newline at end of file';

export interface Replacement {
  /** Offsets in the text, as the YAML parser reports them (UTF-16 code units). */
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** The diff of `before` with `replacement` applied; `path` is relative, written as a/… and b/…. */
export function unifiedDiff(path: string, before: string, replacement: Replacement): string {
  const after = before.slice(0, replacement.start) + replacement.text + before.slice(replacement.end);
  const oldLines = linesOf(before);
  const newLines = linesOf(after);
  const first = lineAt(before, replacement.start);
  const lastOld = lineAt(before, replacement.end);
  const lastNew = lineAt(after, replacement.start + replacement.text.length);
  const from = Math.max(0, first - CONTEXT_LINES);
  const trailing = Math.min(CONTEXT_LINES, oldLines.lines.length - 1 - lastOld);

  const body: string[] = [];
  const emit = (prefix: string, side: Lines, index: number) => {
    body.push(prefix + side.lines[index]);
    if (index === side.lines.length - 1 && !side.endsWithNewline) body.push(NO_NEWLINE);
  };
  for (let i = from; i < first; i++) emit(' ', oldLines, i);
  for (let i = first; i <= lastOld; i++) emit('-', oldLines, i);
  for (let i = first; i <= lastNew; i++) emit('+', newLines, i);
  for (let i = 1; i <= trailing; i++) emit(' ', oldLines, lastOld + i);

  const oldCount = lastOld + trailing - from + 1;
  const newCount = lastNew + trailing - from + 1;
  return [
    `--- a/${path}`,
    `+++ b/${path}`,
    `@@ -${from + 1},${oldCount} +${from + 1},${newCount} @@`,
    ...body,
    '',
  ].join('\n');
}

interface Lines {
  readonly lines: readonly string[];
  readonly endsWithNewline: boolean;
}

function linesOf(text: string): Lines {
  const lines = text.split('\n');
  const endsWithNewline = text.endsWith('\n');
  if (endsWithNewline) lines.pop();
  return { lines, endsWithNewline };
}

/** The 0-based line of `offset`. */
function lineAt(text: string, offset: number): number {
  let line = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
