// Where a compose project writes a service's image, across its files (`-f a.yml -f b.yml`: the
// last file that sets `services.<name>.image` wins, as in the Compose spec's "Merge" rules), so
// that the update edits exactly that one scalar and nothing else of the file: comments, anchors,
// quoting and the order of keys stay as the user wrote them (the `yaml` parser gives each node's
// source range; the text outside it is never touched).
//
// Deliberate answers to what a file may do:
// - `image: *img` (an alias): the scalar written at the anchor `&img` is the one to edit; every
//   other alias of it changes too, and the caller says so.
// - `<<: *base` (a merge key, YAML 1.1, read by Compose): followed into the merged mappings, keys
//   of the service itself first, then the merged ones in order.
// - `image: ${IMAGE:-nginx:1.25}` (interpolation, Compose spec "Interpolation"): the file is not
//   edited, since the value comes from the environment or the .env file; the variables are named.
// - `extends`, `include` and `build`-only services set no `image:` in these files: said, not guessed.
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Document } from 'yaml';
import type { Node, Scalar, YAMLMap } from 'yaml';

export interface ComposeFile {
  readonly path: string;
  readonly text: string;
}

interface SiteBase {
  readonly file: string;
  /** The value as written (after YAML unquoting). */
  readonly value: string;
  /** 1-based. */
  readonly line: number;
}

/** A scalar the update can rewrite. */
export interface ScalarSite extends SiteBase {
  readonly kind: 'scalar';
  /** Source offsets of the scalar (without its anchor, tag or comment). */
  readonly start: number;
  readonly end: number;
  readonly style: Scalar.Type | undefined;
  /** When the scalar is an anchor: its name, and how many aliases of it the file holds. */
  readonly anchor: { readonly name: string; readonly aliases: number } | null;
}

/** A value built by Compose interpolation from variables: not the file's to change. */
export interface InterpolatedSite extends SiteBase {
  readonly kind: 'interpolated';
  readonly variables: readonly string[];
}

export type ImageSite = ScalarSite | InterpolatedSite;

export type Located = { readonly site: ImageSite } | { readonly problem: string };

/** Merge keys may chain; more than this is a cycle or a file no one wrote by hand. */
const MAX_MERGE_DEPTH = 10;

export function locateServiceImage(files: readonly ComposeFile[], service: string): Located {
  let found: ImageSite | undefined;
  let extendsSomething = false;
  for (const file of files) {
    const lines = new LineCounter();
    const doc = parseDocument(file.text, { lineCounter: lines });
    const error = doc.errors[0];
    if (error !== undefined) {
      const at = error.linePos?.[0];
      const where = at === undefined ? '' : ` (line ${at.line}, column ${at.col})`;
      return { problem: `${file.path} is not valid YAML${where}: ${error.message.split('\n')[0]}` };
    }
    const serviceMap = mapValue(doc, mapValue(doc, doc.contents, 'services'), service);
    if (serviceMap === undefined) continue;
    if (valueOf(doc, serviceMap, 'extends', 0) !== undefined) extendsSomething = true;
    const image = valueOf(doc, serviceMap, 'image', 0);
    if (image === undefined) continue;
    const scalar = isAlias(image) ? image.resolve(doc) : image;
    if (!isScalar(scalar) || typeof scalar.value !== 'string' || scalar.range == null) {
      const line = image.range == null ? '?' : lines.linePos(image.range[0]).line;
      return { problem: `${file.path} line ${line}: the image of service "${service}" is not a string` };
    }
    found = site(doc, file.path, scalar as Scalar<string>, lines);
  }
  if (found !== undefined) return { site: found };
  const why = extendsSomething
    ? 'the service uses `extends`: its image is set in the service it extends; change it there'
    : 'the image may come from `extends`, `include` or a `build:` section';
  return {
    problem: `no file of the project sets services.${service}.image (${files.map((f) => f.path).join(', ')}); ${why}`,
  };
}

function site(doc: Document, file: string, scalar: Scalar<string>, lines: LineCounter): ImageSite {
  const [start, end] = scalar.range as [number, number, number];
  const base = { file, value: scalar.value, line: lines.linePos(start).line };
  const variables = interpolatedVariables(scalar.value);
  if (variables !== null) return { kind: 'interpolated', ...base, variables };
  const anchorName = scalar.anchor;
  return {
    kind: 'scalar',
    ...base,
    start,
    end,
    style: scalar.type,
    anchor: anchorName === undefined ? null : { name: anchorName, aliases: aliasCount(doc, anchorName) },
  };
}

/** The value at `key` of a mapping, or undefined; merge keys (`<<`) are followed. */
function valueOf(doc: Document, map: YAMLMap, key: string, depth: number): Node | undefined {
  const own = map.items.find((pair) => isScalar(pair.key) && String(pair.key.value) === key);
  if (own !== undefined) return (own.value ?? undefined) as Node | undefined;
  if (depth >= MAX_MERGE_DEPTH) return undefined;
  for (const pair of map.items) {
    if (!isScalar(pair.key) || pair.key.value !== '<<') continue;
    const sources = isSeq(pair.value) ? pair.value.items : [pair.value];
    for (const source of sources) {
      const merged = isAlias(source) ? source.resolve(doc) : source;
      if (!isMap(merged)) continue;
      const value = valueOf(doc, merged, key, depth + 1);
      if (value !== undefined) return value;
    }
  }
  return undefined;
}

function mapValue(doc: Document, node: unknown, key: string): YAMLMap | undefined {
  const map = isAlias(node) ? node.resolve(doc) : node;
  if (!isMap(map)) return undefined;
  const value = valueOf(doc, map, key, 0);
  const resolved = isAlias(value) ? value.resolve(doc) : value;
  return isMap(resolved) ? resolved : undefined;
}

function aliasCount(doc: Document, anchor: string): number {
  let count = 0;
  visit(doc, {
    Alias(_key, alias) {
      if (alias.source === anchor) count++;
    },
  });
  return count;
}

/**
 * The variables a Compose value interpolates (`$VAR`, `${VAR}`, `${VAR:-default}`, …; `$$` is a
 * literal `$`), or null when it interpolates nothing.
 */
export function interpolatedVariables(value: string): string[] | null {
  const unescaped = value.replaceAll('$$', '');
  if (!unescaped.includes('$')) return null;
  const names = [...unescaped.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)].map((match) => match[1]!);
  return [...new Set(names)];
}

/** `value` written in the style of the scalar it replaces (plain stays plain when it can). */
export function scalarText(value: string, style: Scalar.Type | undefined): string {
  if (style === 'QUOTE_SINGLE') return `'${value.replaceAll("'", "''")}'`;
  // A reference (it always has a `:tag` or `@digest` here, so it is never `null` or `true`) needs
  // no quotes in YAML; anything else is quoted.
  const plain = /^[A-Za-z0-9][A-Za-z0-9._/:@-]*$/.test(value) && /[:@]/.test(value);
  if ((style === 'PLAIN' || style === undefined) && plain) return value;
  // JSON strings are YAML double-quoted scalars (YAML 1.2 §7.3.1 escapes are a superset of JSON's).
  return JSON.stringify(value);
}
