// A small JSON Schema (draft 2020-12) checker for the subset report.schema.json uses: type, const,
// enum, required, properties, additionalProperties: false, items, oneOf, minimum, format
// "date-time" and local $ref ("#/$defs/…"). A keyword outside that subset is reported as a
// problem rather than ignored, so the schema cannot silently say more than is checked.

export type SchemaNode = { readonly [keyword: string]: unknown };

/** Keywords that only describe: they constrain nothing. */
const ANNOTATIONS = new Set(['$schema', '$id', '$defs', 'title', 'description']);
// RFC 3339 date-time (JSON Schema's "date-time" format), as Date.toISOString() writes it and more.
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;

/** Every place `value` breaks `schema`, as "JSON pointer: what is wrong"; empty when it conforms. */
export function schemaProblems(schema: SchemaNode, value: unknown): string[] {
  return problemsAt(schema, schema, value, '');
}

function problemsAt(root: SchemaNode, schema: SchemaNode, value: unknown, at: string): string[] {
  const problems: string[] = [];
  check(root, schema, value, at, problems);
  return problems;
}

function check(root: SchemaNode, schema: SchemaNode, value: unknown, at: string, problems: string[]): void {
  const where = at === '' ? '/' : at;
  for (const [keyword, rule] of Object.entries(schema)) {
    if (ANNOTATIONS.has(keyword)) continue;
    switch (keyword) {
      case '$ref':
        check(root, resolveRef(root, rule), value, at, problems);
        break;
      case 'type': {
        const types = Array.isArray(rule) ? rule : [rule];
        if (!types.some((type) => hasType(value, type)))
          problems.push(`${where}: expected ${types.join(' or ')}`);
        break;
      }
      case 'const':
        if (value !== rule) problems.push(`${where}: expected ${JSON.stringify(rule)}`);
        break;
      case 'enum':
        if (!(rule as unknown[]).includes(value))
          problems.push(`${where}: expected one of ${JSON.stringify(rule)}`);
        break;
      case 'minimum':
        if (typeof value === 'number' && value < (rule as number))
          problems.push(`${where}: below ${String(rule)}`);
        break;
      case 'format':
        if (rule !== 'date-time') problems.push(`${where}: the checker does not know format ${String(rule)}`);
        else if (typeof value === 'string' && !DATE_TIME.test(value))
          problems.push(`${where}: not an RFC 3339 date-time`);
        break;
      case 'required':
        if (isObject(value))
          for (const name of rule as string[])
            if (!(name in value)) problems.push(`${where}: missing "${name}"`);
        break;
      case 'properties':
        if (isObject(value))
          for (const [name, sub] of Object.entries(rule as Record<string, SchemaNode>))
            if (name in value) check(root, sub, value[name], `${at}/${name}`, problems);
        break;
      case 'additionalProperties':
        if (rule !== false) problems.push(`${where}: the checker only knows additionalProperties: false`);
        else if (isObject(value)) {
          const known = Object.keys((schema.properties as object | undefined) ?? {});
          for (const name of Object.keys(value))
            if (!known.includes(name)) problems.push(`${where}: unexpected "${name}"`);
        }
        break;
      case 'items':
        if (Array.isArray(value))
          value.forEach((item, index) => check(root, rule as SchemaNode, item, `${at}/${index}`, problems));
        break;
      case 'oneOf': {
        const results = (rule as SchemaNode[]).map((option) => problemsAt(root, option, value, at));
        const passing = results.filter((result) => result.length === 0).length;
        if (passing !== 1)
          problems.push(
            passing === 0
              ? `${where}: matches no alternative (${results.flat().join('; ')})`
              : `${where}: matches several alternatives`,
          );
        break;
      }
      default:
        problems.push(`${where}: the checker does not know the keyword "${keyword}"`);
    }
  }
}

function resolveRef(root: SchemaNode, ref: unknown): SchemaNode {
  const name =
    typeof ref === 'string' && ref.startsWith('#/$defs/') ? ref.slice('#/$defs/'.length) : undefined;
  const target =
    name === undefined ? undefined : (root.$defs as Record<string, SchemaNode> | undefined)?.[name];
  if (target === undefined)
    throw new Error(`The schema has a $ref the checker cannot follow: ${String(ref)}`);
  return target;
}

function hasType(value: unknown, type: unknown): boolean {
  switch (type) {
    case 'null':
      return value === null;
    case 'array':
      return Array.isArray(value);
    case 'object':
      return isObject(value);
    case 'integer':
      return Number.isInteger(value);
    case 'number':
    case 'string':
    case 'boolean':
      return typeof value === type;
    default:
      return false;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
