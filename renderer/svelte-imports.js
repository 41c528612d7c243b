// An ESLint processor that lets the import rules see what a `.svelte` file imports. We have no
// Svelte ESLint plugin, and a component's script alone does not lint cleanly (what only the markup
// uses looks unused), so the processor hands ESLint one virtual TypeScript file holding only
// `import 'x';` for each module the component imports — static imports in its scripts, and
// `import()` anywhere, markup included — each on the line and column where it is written, so a
// report points at the right place. Svelte's own parser finds them (it reads `lang="ts"`).
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
  for (const { source, start } of importsIn(ast)) {
    let line = lineStarts.length - 1;
    while (lineStarts[line] > start) line--;
    const column = start - lineStarts[line];
    lines[line] = lines[line].padEnd(column) + `import ${JSON.stringify(source)};`;
  }
  return [{ text: lines.join('\n'), filename: 'imports.ts' }];
}

/** Every module specifier in the tree, with the offset of the statement or expression naming it. */
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
      found.push({ source: node.source.value, start: node.start });
    }
    for (const value of Object.values(node)) visit(value);
  };
  visit(ast);
  return found;
}

export const svelteImports = {
  meta: { name: 'svelte-imports' },
  preprocess,
  postprocess: (messages) => messages.flat(),
  supportsAutofix: false,
};
