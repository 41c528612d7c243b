// The JSON format: the report model as it is (schema: report.schema.json), and the way back in, so
// an earlier report file can be compared with a new one (`--diff-against FILE`).
import { readFile } from 'node:fs/promises';
import type { Report } from './model.js';
import { ReportInputError } from './report-input-error.js';
import { schemaProblems, type SchemaNode } from './schema-check.js';
import reportSchema from './report.schema.json' with { type: 'json' };
import { messageOf } from '../model/message-of.js';

export function render(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** The schema problems of `value` as a report; empty when it is a valid schemaVersion 1 report. */
export function reportSchemaProblems(value: unknown): string[] {
  return schemaProblems(reportSchema as SchemaNode, value);
}

/** Parses and checks a JSON report; `name` (a file path) is what errors call it. */
export function parseReportJson(text: string, name: string): Report {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ReportInputError(name, `${name} is not JSON; give a report written with --report json`, {
      cause: error,
    });
  }
  const problems = reportSchemaProblems(value);
  if (problems.length > 0) {
    const shown = problems.slice(0, 5).join('; ');
    throw new ReportInputError(
      name,
      `${name} is not a schemaVersion 1 report (${shown}${problems.length > 5 ? '; …' : ''}); give a report written with --report json`,
    );
  }
  return value as Report;
}

export async function readReportFile(path: string): Promise<Report> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ReportInputError(path, `cannot read the earlier report ${path}: ${messageOf(error)}`, {
      cause: error,
    });
  }
  return parseReportJson(text, path);
}
