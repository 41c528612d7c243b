// The CSV format (RFC 4180): one record per image × location, CRLF line ends, fields quoted when
// they hold a comma, quote or line break. A UTF-8 byte order mark lets spreadsheets (Excel) detect
// the encoding. A cell that a spreadsheet would read as a formula (starting with = + - @, tab or
// CR) gets a leading apostrophe, as OWASP's "CSV Injection" advice says. A diff follows the images
// after an empty record, as its own header and rows, padded to the same number of fields.
import type { Report, ReportImage, ReportLocation } from './model.js';
import { DIFF_HEADERS, candidateCells, currentText, dateText, diffRows, updateText } from './present.js';

const BOM = '\uFEFF';

const HEADERS = [
  'image',
  'reference',
  'platform',
  'scope',
  'workload',
  'current',
  'patch',
  'minor',
  'major',
  'update',
  'latest',
  'released',
  'fixed vulnerabilities',
  'fixed ids',
  'worst fixed severity',
  'release notes',
  'status',
  'error',
] as const;

export function render(report: Report): string {
  const records: string[][] = [
    [...HEADERS],
    ...report.images.flatMap((image) =>
      (image.locations.length === 0 ? [null] : image.locations).map((location) =>
        imageRecord(image, location),
      ),
    ),
  ];
  if (report.diff !== null) records.push([], [...DIFF_HEADERS], ...diffRows(report.diff));
  const width = HEADERS.length;
  const lines = records.map((record) =>
    [...record, ...Array<string>(width - record.length).fill('')].map(csvField).join(','),
  );
  return `${BOM}${lines.join('\r\n')}\r\n`;
}

function imageRecord(image: ReportImage, location: ReportLocation | null): string[] {
  const [patch, minor, major] = candidateCells(image);
  return [
    image.familiar,
    image.reference,
    location?.platform ?? '',
    location?.scope.join(' / ') ?? '',
    location?.workload ?? '',
    currentText(image),
    patch,
    minor,
    major,
    updateText(image),
    image.update?.latest ?? '',
    dateText(image.update?.releasedAt ?? null),
    image.fixes === null ? '' : String(image.fixes.count),
    image.fixes?.ids.join(' ') ?? '',
    image.fixes?.worstSeverity ?? '',
    image.releaseNotes
      .map((note) => (note.url === null ? note.title : `${note.title} <${note.url}>`))
      .join('; '),
    image.status,
    image.error ?? '',
  ];
}

/** Neutralized against formula injection, then quoted when RFC 4180 needs it. */
export function csvField(value: string): string {
  const inert = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(inert) ? `"${inert.replace(/"/g, '""')}"` : inert;
}
