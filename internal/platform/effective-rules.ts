// Rules carried by labels apply to the images below the node that carries them: a
// `config.cupdate/pin` on a Deployment pins every image of its pods; the nearest node wins
// (a container's label beats its namespace's), and `ignore` removes the subtree.
//
// An image node can run in several places (the same reference in two pods, or two containers of
// one pod). Each place gives its own rules; the image is ignored only when every place ignores it,
// and otherwise the places' rules all apply: an update is suggested only when no place forbids it.
import type { Graph } from '../graph/graph.js';
import type { GraphNode, NodeId } from '../graph/types.js';
import { mergeRules, parseRuleLabels } from '../version/labels.js';
import { isBelow, parseStayBelow, type Rules } from '../version/rules.js';

export interface EffectiveRules {
  readonly ignored: boolean;
  readonly rules: Rules;
  /** Malformed rule labels met on the way, e.g. `config.cupdate/stay-below on deployment web: "abc" …`. */
  readonly problems: readonly string[];
}

export function effectiveRules(graph: Graph, imageId: NodeId): EffectiveRules {
  const image = graph.node(imageId);
  if (image === undefined) return { ignored: false, rules: {}, problems: [] };
  const containers = graph.parentsOf(imageId);
  // An image with no parent (a static list entry) is its own only place.
  const places = containers.length === 0 ? [[]] : containers.map((id) => [id, ...graph.ancestors(id)]);
  return combineEffectiveRules(
    places.map((above) =>
      placeRules([
        image,
        ...above.map((id) => graph.node(id)).filter((n): n is GraphNode => n !== undefined),
      ]),
    ),
  );
}

/** The rules of one place: a chain of nodes from the image up, the nearest node winning. */
function placeRules(chain: readonly GraphNode[]): EffectiveRules {
  const containerName = chain.find((node) => node.kind === 'container')?.name;
  const problems: string[] = [];
  let rules: Rules = {};
  for (const node of chain) {
    if (node.labels === undefined) continue;
    const parsed = parseRuleLabels(node.labels, containerName);
    for (const error of parsed.errors) problems.push(`${node.kind} ${node.name}: ${error.message}`);
    rules = mergeRules(rules, parsed.rules); // `rules` holds the nearer nodes' choices
  }
  return { ignored: rules.ignore === true, rules, problems };
}

/**
 * One image's rules over several places (pods, containers, platforms): ignored only when every
 * place ignores it; otherwise the rules of every place that keeps it apply together.
 */
export function combineEffectiveRules(places: readonly EffectiveRules[]): EffectiveRules {
  const problems = unique(places.flatMap((place) => place.problems));
  const kept = places.filter((place) => !place.ignored).map((place) => place.rules);
  if (kept.length === 0) return { ignored: true, rules: { ignore: true }, problems };
  return { ignored: false, rules: kept.reduce(strictest), problems };
}

/** Both places' rules at once: whatever either forbids stays forbidden. */
function strictest(a: Rules, b: Rules): Rules {
  return {
    pin: a.pin === true || b.pin === true ? true : (a.pin ?? b.pin),
    stayOnCurrentMajor:
      a.stayOnCurrentMajor === true || b.stayOnCurrentMajor === true
        ? true
        : (a.stayOnCurrentMajor ?? b.stayOnCurrentMajor),
    stayBelow: lowerLimit(a.stayBelow, b.stayBelow),
    // A tag must pass every place's include list; keeping one list is exact only when at most one
    // place has one, which is the common case. With two, the nearer-sorted first place's list wins.
    include: a.include ?? b.include,
    exclude: a.exclude && b.exclude ? [...a.exclude, ...b.exclude] : (a.exclude ?? b.exclude),
  };
}

function lowerLimit(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined || b === undefined) return a ?? b;
  return isBelow(parseStayBelow(a) ?? [], parseStayBelow(b) ?? []) ? a : b;
}

function unique(items: string[]): string[] {
  return [...new Set(items)];
}
