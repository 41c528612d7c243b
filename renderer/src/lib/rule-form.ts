// The Settings page's per-image rule form: its fields to an ImageRule (or a message saying which
// field is wrong), and a rule back to the short words the rules table shows.
import type { ImageRule } from '../../../internal/api/contract.js';
import { tagPatternProblem } from '../../../internal/model/tag-pattern.js';

export interface RuleForm {
  pattern: string;
  ignore: boolean;
  pin: boolean;
  stayOnCurrentMajor: boolean;
  stayBelow: string;
  /** Regular expressions (RE2 syntax), one a line. */
  include: string;
  exclude: string;
}

export const EMPTY_RULE_FORM: Readonly<RuleForm> = {
  pattern: '',
  ignore: false,
  pin: false,
  stayOnCurrentMajor: false,
  stayBelow: '',
  include: '',
  exclude: '',
};

export type RuleFormResult =
  { readonly ok: true; readonly rule: ImageRule } | { readonly ok: false; readonly error: string };

function lines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/**
 * The first line of `patterns` the core would refuse, with why: the same check as the core's
 * (RE2 syntax, linear-time matching, size limits), so the form says it before anything is sent.
 */
function badPattern(field: string, patterns: readonly string[]): string | null {
  for (const pattern of patterns) {
    const problem = tagPatternProblem(pattern);
    if (problem !== undefined) return `${field}: "${pattern}" ${problem}. Fix or remove that line.`;
  }
  return null;
}

export function ruleFromForm(form: RuleForm): RuleFormResult {
  const pattern = form.pattern.trim();
  if (pattern === '') {
    return {
      ok: false,
      error: 'Image pattern is empty: enter a reference or a repository with *, e.g. docker.io/library/*',
    };
  }
  const include = lines(form.include);
  const exclude = lines(form.exclude);
  const error = badPattern('Include', include) ?? badPattern('Exclude', exclude);
  if (error !== null) return { ok: false, error };
  const stayBelow = form.stayBelow.trim();
  return {
    ok: true,
    rule: {
      pattern,
      ...(form.ignore ? { ignore: true } : {}),
      ...(form.pin ? { pin: true } : {}),
      ...(form.stayOnCurrentMajor ? { stayOnCurrentMajor: true } : {}),
      ...(stayBelow !== '' ? { stayBelow } : {}),
      ...(include.length > 0 ? { include } : {}),
      ...(exclude.length > 0 ? { exclude } : {}),
    },
  };
}

export function formFromRule(rule: ImageRule): RuleForm {
  return {
    pattern: rule.pattern,
    ignore: rule.ignore ?? false,
    pin: rule.pin ?? false,
    stayOnCurrentMajor: rule.stayOnCurrentMajor ?? false,
    stayBelow: rule.stayBelow ?? '',
    include: (rule.include ?? []).join('\n'),
    exclude: (rule.exclude ?? []).join('\n'),
  };
}

/** `pinned`, `stay on major`, `below 2.0`, `include ^1\.`, … */
export function describeRule(rule: ImageRule): string[] {
  return [
    ...(rule.ignore ? ['ignored'] : []),
    ...(rule.pin ? ['pinned'] : []),
    ...(rule.stayOnCurrentMajor ? ['stay on major'] : []),
    ...(rule.stayBelow !== undefined ? [`below ${rule.stayBelow}`] : []),
    ...(rule.include ?? []).map((p) => `include ${p}`),
    ...(rule.exclude ?? []).map((p) => `exclude ${p}`),
  ];
}
