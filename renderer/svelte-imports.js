// An ESLint processor that lets the import rules see what a `.svelte` file imports. We have no
// Svelte ESLint plugin, and a component's script alone does not lint cleanly (what only the markup
// uses looks unused), so the processor hands ESLint one virtual TypeScript file holding, for each
// module the component imports, a statement that names the same module and the same names without
// binding any: `export { A as _0, default as _1 } from 'x';` for `import X, { A } from 'x'`,
// `import 'x';` for `import()` anywhere (markup included). Each sits on the line and column where
// the import starts, so a report points at the right place. Svelte's own parser finds them (it
// reads `lang="ts"`).
import { parse } from 'svelte/compiler';

/** @param {string} text @param {string} filename */
function preprocess(text, filename) {
  let ast;
  try {
    ast = parse(text, { modern: true });
  } catch (error) {
    throw new Error(`${filename}: Svelte could not parse it, so its imports were not checked`, {
      cause: error,
    });
  }
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const lines = lineStarts.map(() => '');
  let alias = 0;
  for (const { source, start, names } of importsIn(ast)) {
    let line = lineStarts.length - 1;
    while (lineStarts[line] > start) line--;
    const column = start - lineStarts[line];
    const from = JSON.stringify(source);
    const statement =
      names === null
        ? `import ${from};`
        : names === '*'
          ? `export * as _${alias++} from ${from};`
          : `export { ${names.map((name) => `${name} as _${alias++}`).join(', ')} } from ${from};`;
    lines[line] = lines[line].padEnd(column) + statement;
  }
  return [{ text: lines.join('\n'), filename: 'imports.ts' }];
}

/**
 * Every module specifier in the tree, with the offset of the statement or expression naming it and
 * the names it imports: a list, `'*'` for a namespace, null for none (`import 'x'`, `import()`).
 */
function importsIn(ast) {
  const found = [];
  const seen = new Set();
  const visit = (node) => {
    if (node === null || typeof node !== 'object' || seen.has(node)) return;
    seen.add(node);
    const named =
      node.type === 'ImportDeclaration' ||
      node.type === 'ImportExpression' ||
      node.type === 'ExportAllDeclaration' ||
      (node.type === 'ExportNamedDeclaration' && node.source != null);
    if (named && typeof node.source?.value === 'string') {
      found.push({ source: node.source.value, start: node.start, names: importedNames(node) });
    }
    for (const value of Object.values(node)) visit(value);
  };
  visit(ast);
  return found;
}

function importedNames(node) {
  const specifiers = node.specifiers ?? [];
  if (node.type === 'ExportAllDeclaration' || specifiers.some((s) => s.type === 'ImportNamespaceSpecifier')) {
    return '*';
  }
  if (specifiers.length === 0) return null;
  return specifiers.map((s) =>
    s.type === 'ImportDefaultSpecifier' ? 'default' : ((s.imported ?? s.local).name ?? 'default'),
  );
}

export const svelteImports = {
  meta: { name: 'svelte-imports' },
  preprocess,
  postprocess: (messages) => messages.flat(),
  supportsAutofix: false,
};
