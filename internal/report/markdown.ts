// The Markdown format: GFM tables under `##` headings (reportDocument). Every piece of text comes
// through escapeMarkdown, so a tag or title cannot add a link, HTML or a table cell.
import { escapeMarkdown, markdownDestination } from './markdown-escape.js';
import type { Report } from './model.js';
import { reportDocument, type Block, type Cell } from './present.js';
import { httpUrl } from '../model/safe-url.js';

export function render(report: Report): string {
  const document = reportDocument(report);
  const blocks = [
    `# ${escapeMarkdown(document.title)}`,
    // Two trailing spaces: a hard line break (CommonMark §6.7).
    document.meta.map(escapeMarkdown).join('  \n'),
    ...document.sections.flatMap((section) => [
      `## ${escapeMarkdown(section.title)}`,
      ...section.blocks.map(block),
    ]),
  ];
  return `${blocks.join('\n\n')}\n`;
}

function block(content: Block): string {
  if (content.kind === 'note') return `_${escapeMarkdown(content.text)}_`;
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  return [
    line(content.headers.map(escapeMarkdown)),
    line(content.headers.map(() => '---')),
    ...content.rows.map((cells) => line(cells.map(cellText))),
  ].join('\n');
}

/** Several lines in one cell: GFM cells cannot hold line breaks, `<br>` is the usual way. */
function cellText(cell: Cell): string {
  if ('text' in cell) return escapeMarkdown(cell.text);
  if ('name' in cell) return `${escapeMarkdown(cell.name)}<br>${escapeMarkdown(cell.detail)}`;
  if ('lines' in cell) return cell.lines.map(escapeMarkdown).join('<br>');
  return cell.links
    .map((link) => {
      const url = link.url === null ? null : httpUrl(link.url);
      const title = escapeMarkdown(link.title);
      return url === null ? title : `[${title}](${markdownDestination(url)})`;
    })
    .join('<br>');
}
