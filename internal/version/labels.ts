// Reads the rules a resource carries in Cupdate's labels and annotations (AlexGustafsson/cupdate
// docs/config.md "Labels", internal/platform/labels.go). Each rule has a Kubernetes spelling
// `config.cupdate/<rule>` and a Docker spelling `cupdate.config.<rule>`; Cupdate reads the
// Kubernetes one first, and so do we. Beyond Cupdate:
// - `include` / `exclude` take a regular expression in RE2 syntax (Cupdate's own, Go's regexp),
//   matched in linear time (tag-pattern.ts): a label on any pod must not be able to freeze the app;
// - a rule can target one container of a pod (or compose service) by appending `.<container name>`,
//   like Flux's `flux.weave.works/tag.<container>`: `config.cupdate/pin.web`. It wins over the plain
//   form for that container and is ignored for the others.
// A malformed value is reported and only that label is skipped; the other labels still apply.

import { RuleLabelError } from './errors.js';
import { parseStayBelow, stayBelowHint, type Rules } from './rules.js';
import { TagPattern, TagPatternError } from '../model/tag-pattern.js';

export { mergeRules } from './rules.js';

const prefixes = ['config.cupdate/', 'cupdate.config.'] as const;

/** Turns a label's value into the Rules field it sets; throws RuleLabelError for a malformed value. */
type ValueParser = (label: string, value: string) => Rules;

// A Map, not an object literal: `rule in {...}` would also accept `toString` and `constructor`.
const ruleParsers: ReadonlyMap<string, ValueParser> = new Map<string, ValueParser>([
  ['ignore', (label, value) => ({ ignore: parseBoolean(label, value) })],
  ['pin', (label, value) => ({ pin: parseBoolean(label, value) })],
  ['stay-on-current-major', (label, value) => ({ stayOnCurrentMajor: parseBoolean(label, value) })],
  ['stay-below', (label, value) => ({ stayBelow: parseStayBelowLabel(label, value) })],
  ['include', (label, value) => ({ include: [parsePattern(label, value)] })],
  ['exclude', (label, value) => ({ exclude: [parsePattern(label, value)] })],
]);

interface RuleLabel {
  readonly rule: string;
  readonly parse: ValueParser;
  readonly label: string;
  readonly value: string;
  /** Lower wins: per-container before plain, then the Kubernetes spelling before the Docker one. */
  readonly rank: number;
}

export function parseRuleLabels(
  labels: Readonly<Record<string, string>>,
  containerName?: string,
): { rules: Rules; errors: RuleLabelError[] } {
  const errors: RuleLabelError[] = [];
  const found: RuleLabel[] = [];
  for (const [label, value] of Object.entries(labels)) {
    const prefixIndex = prefixes.findIndex((prefix) => label.startsWith(prefix));
    const prefix = prefixes[prefixIndex];
    if (prefix === undefined) continue;
    const key = label.slice(prefix.length);
    const dot = key.indexOf('.');
    const rule = dot === -1 ? key : key.slice(0, dot);
    const container = dot === -1 ? null : key.slice(dot + 1);
    const parse = ruleParsers.get(rule);
    if (!parse || container === '') {
      errors.push(
        new RuleLabelError(label, value, `unknown Cupdate label; known rules: ${knownLabels(prefix)}`),
      );
    } else if (container === null || container === containerName) {
      found.push({ rule, parse, label, value, rank: (container === null ? 2 : 0) + prefixIndex });
    }
  }

  let rules: Rules = {};
  const decided = new Set<string>();
  for (const { rule, parse, label, value } of found.sort((a, b) => a.rank - b.rank)) {
    try {
      const fields = parse(label, value);
      // Every label is validated so that all mistakes are reported, but only the best-ranked valid one applies.
      if (!decided.has(rule)) rules = { ...rules, ...fields };
      decided.add(rule);
    } catch (error) {
      if (!(error instanceof RuleLabelError)) throw error;
      errors.push(error);
    }
  }
  return { rules, errors };
}

function knownLabels(prefix: string): string {
  return [...ruleParsers.keys()].map((rule) => `${prefix}${rule}[.<container>]`).join(', ');
}

function parseStayBelowLabel(label: string, value: string): string {
  if (!parseStayBelow(value)) {
    throw new RuleLabelError(label, value, stayBelowHint);
  }
  return value;
}

function parseBoolean(label: string, value: string): boolean {
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw new RuleLabelError(label, value, 'use "true" or "false"');
}

function parsePattern(label: string, value: string): TagPattern {
  if (value === '')
    throw new RuleLabelError(label, value, 'give a regular expression, like "^\\d+\\.\\d+\\.\\d+$"');
  try {
    return TagPattern.parse(value);
  } catch (cause) {
    if (!(cause instanceof TagPatternError)) throw cause;
    throw new RuleLabelError(label, value, `the pattern ${cause.message}`, { cause });
  }
}
