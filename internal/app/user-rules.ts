// Rules the user set in the app, per image: a reference (`docker.io/library/nginx:1.25`), a
// repository (`docker.io/library/nginx`) or a pattern with `*` (`docker.io/library/*`). They win
// over the labels on the workloads, field by field; the most specific matching pattern applies.
import { mergeRules, type Rules } from '../version/rules.js';
import type { EffectiveRules } from '../platform/effective-rules.js';

export interface UserRule {
  readonly pattern: string;
  readonly rules: Rules;
}

/** The rule for `reference` (normalized, maybe with a digest), or undefined when none matches. */
export function userRuleFor(rules: readonly UserRule[], reference: string): UserRule | undefined {
  const matching = rules.filter((rule) => ruleMatches(rule.pattern, reference));
  // Exact before wildcard, then the longest pattern: `docker.io/library/nginx` beats `docker.io/*`.
  return matching.sort((a, b) => specificity(b.pattern) - specificity(a.pattern))[0];
}

/** Whether a rule's pattern applies to `reference`: the reference or its repository, `*` matching anything. */
export function ruleMatches(pattern: string, reference: string): boolean {
  const withoutDigest = reference.replace(/@.*$/, '');
  const repository = withoutDigest.replace(/:[^/:]*$/, '');
  if (!pattern.includes('*')) return pattern === withoutDigest || pattern === repository;
  const wildcard = new RegExp(`^${pattern.split('*').map(escapeRegExp).join('.*')}$`);
  return wildcard.test(withoutDigest) || wildcard.test(repository);
}

/** The labels' rules with the user's on top. */
export function withUserRule(labels: EffectiveRules, rule: UserRule | undefined): EffectiveRules {
  if (rule === undefined) return labels;
  const rules = mergeRules(rule.rules, labels.rules);
  return { ignored: rules.ignore ?? labels.ignored, rules, problems: labels.problems };
}

function specificity(pattern: string): number {
  return (pattern.includes('*') ? 0 : 10_000) + pattern.length;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
