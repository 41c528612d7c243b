// The HTML format: one self-contained, printable page (the hosts print it to PDF: Electron's
// webContents.printToPDF, `serve` hands it to the browser). No script, no external asset: a CSP
// meta forbids loading anything but the inline stylesheet, and every piece of text is escaped.
import type { Report } from './model.js';
import { reportDocument, type Block, type Cell, type Section } from './present.js';
import { httpUrl } from '../model/safe-url.js';

/** Nothing may load: not a script, image, font, frame or form target (CSP Level 3). */
export const REPORT_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

const STYLE = `
:root { color-scheme: light; font: 14px/1.4 system-ui, sans-serif; color: #1b1f24; }
body { margin: 2rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.15rem; margin: 1.75rem 0 .5rem; border-bottom: 1px solid #d0d7de; padding-bottom: .25rem; }
p.meta, p.note { color: #57606a; margin: .25rem 0; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { border: 1px solid #d0d7de; padding: .3rem .45rem; text-align: left; vertical-align: top; overflow-wrap: break-word; }
th { background: #f6f8fa; white-space: nowrap; }
td small { color: #57606a; word-break: break-all; }
td.major { color: #a40e26; font-weight: 600; }
td.minor { color: #9a6700; font-weight: 600; }
td.patch, td.digest { color: #0550ae; }
@media print {
  body { margin: 0; font-size: 10pt; }
  a { color: inherit; }
  a[href]::after { content: " (" attr(href) ")"; font-size: .8em; color: #57606a; }
  h2 { break-after: avoid; }
  tr, td { break-inside: avoid; }
  thead { display: table-header-group; }
}
@page { size: A4 landscape; margin: 12mm; }
`;

export function render(report: Report): string {
  const document = reportDocument(report);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(REPORT_CSP)}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(`${document.title} ${report.generatedAt}`)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${escapeHtml(document.title)}</h1>
${document.meta.map((line) => `<p class="meta">${escapeHtml(line)}</p>`).join('\n')}
</header>
${document.sections.map(section).join('\n')}
</body>
</html>
`;
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function section(content: Section): string {
  return `<section>\n<h2>${escapeHtml(content.title)}</h2>\n${content.blocks.map(block).join('\n')}\n</section>`;
}

function block(content: Block): string {
  if (content.kind === 'note') return `<p class="note">${escapeHtml(content.text)}</p>`;
  const head = content.headers.map((header) => `<th>${escapeHtml(header)}</th>`).join('');
  const body = content.rows.map((cells) => `<tr>${cells.map(cellHtml).join('')}</tr>`).join('\n');
  return `<table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

function cellHtml(cell: Cell): string {
  if ('text' in cell) {
    const open = cell.tone === undefined ? '<td>' : `<td class="${escapeHtml(cell.tone)}">`;
    return `${open}${escapeHtml(cell.text)}</td>`;
  }
  if ('name' in cell) return `<td>${escapeHtml(cell.name)}<br><small>${escapeHtml(cell.detail)}</small></td>`;
  if ('lines' in cell) return `<td>${cell.lines.map(escapeHtml).join('<br>')}</td>`;
  const links = cell.links.map((link) => {
    const url = link.url === null ? null : httpUrl(link.url);
    const title = escapeHtml(link.title);
    return url === null ? title : `<a href="${escapeHtml(url)}" rel="noopener noreferrer">${title}</a>`;
  });
  return `<td>${links.join('<br>')}</td>`;
}
