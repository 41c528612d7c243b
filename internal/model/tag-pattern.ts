// The include/exclude patterns of a rule, matched in linear time. They come from untrusted places
// (a label on any pod in a watched namespace, a setRule call) and run against every tag of a
// repository, so a backtracking engine would let one label freeze the app: JavaScript's RegExp
// takes seconds on `^(\S*){300}!$` against a 40-character tag (docs/security.md, "ReDoS").
// re2js is a pure-JavaScript port of RE2: matching is linear in the tag for any pattern, and the
// syntax is RE2's, which is also what Cupdate (Go's regexp package) reads from the same labels
// (https://github.com/google/re2/wiki/Syntax). Linear is not free: a pattern's compiled program
// still multiplies the work per tag, so its source and program are capped too.
import { RE2JS, RE2JSException } from 're2js';
import { messageOf } from './message-of.js';

/** A tag is at most 128 characters (OCI distribution spec): a filter longer than 8 tags is not one. */
export const MAX_PATTERN_LENGTH = 1024;
/**
 * RE2 program instructions. Ordinary filters use tens (`^\d+\.\d+$` is 9, a 30-word alternation
 * about 300); `(\S*){300}` is 1,205. bench/tag-pattern.bench.ts prints the cost at this limit.
 */
export const MAX_PROGRAM_SIZE = 1000;

/** Why a pattern cannot be used; the message names no input (callers add the field or label). */
export class TagPatternError extends Error {
  override readonly name = 'TagPatternError';
}

/** A compiled include/exclude pattern. Unanchored, like RegExp.test: `rc` matches `1.0-rc1`. */
export class TagPattern {
  readonly source: string;
  readonly #compiled: RE2JS;

  private constructor(source: string, compiled: RE2JS) {
    this.source = source;
    this.#compiled = compiled;
  }

  /** Compiles `source` (RE2 syntax); throws TagPatternError saying what is wrong and what to do. */
  static parse(source: string): TagPattern {
    if (source.length > MAX_PATTERN_LENGTH) {
      throw new TagPatternError(
        `is ${source.length} characters long; a tag pattern may have at most ${MAX_PATTERN_LENGTH}`,
      );
    }
    let compiled: RE2JS;
    try {
      compiled = RE2JS.compile(source);
    } catch (cause) {
      if (!(cause instanceof RE2JSException)) throw cause;
      throw new TagPatternError(
        `is not a valid regular expression in RE2 syntax (${messageOf(cause)})${unsupportedHint(source)}`,
        {
          cause,
        },
      );
    }
    const size = compiled.programSize();
    if (size > MAX_PROGRAM_SIZE) {
      throw new TagPatternError(
        `is too complex: it compiles to ${size} instructions and at most ${MAX_PROGRAM_SIZE} are allowed; ` +
          'use fewer or smaller repetitions ({n}) and alternatives',
      );
    }
    return new TagPattern(source, compiled);
  }

  /** Whether the pattern matches anywhere in `tag`. Stateless: one pattern can serve every caller. */
  test(tag: string): boolean {
    return this.#compiled.test(tag);
  }

  /** `/source/`, the way a RegExp prints, for explanations ("matches the exclude pattern /rc/"). */
  toString(): string {
    return `/${this.source}/`;
  }
}

/** Undefined when `source` is a usable tag pattern, else why not (for validators that name the field). */
export function tagPatternProblem(source: string): string | undefined {
  try {
    TagPattern.parse(source);
    return undefined;
  } catch (error) {
    if (error instanceof TagPatternError) return error.message;
    throw error;
  }
}

/**
 * What RE2 cannot express (it would need backtracking), said plainly: RE2's own message for
 * `(?=x)` is "invalid or unsupported Perl syntax" and for `\1` "invalid escape sequence".
 */
function unsupportedHint(source: string): string {
  if (/\(\?<?[=!]/.test(source))
    return '; lookahead and lookbehind ((?=…), (?!…), (?<=…), (?<!…)) cannot be matched in linear time: write the tags to keep, or use exclude for the ones to drop';
  if (/\\[1-9]|\\k</.test(source))
    return '; backreferences (\\1, \\k<name>) cannot be matched in linear time';
  if (/\\u[0-9a-fA-F{]/.test(source)) return '; write a code point as \\x{41} rather than \\u0041';
  return '';
}
