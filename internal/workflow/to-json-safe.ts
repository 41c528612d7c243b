// Makes step and job output values storable: a run record must survive JSON.stringify and stay
// small, but outputs can be anything a step returns (Dates, Maps, class instances such as a
// registry client, cycles, huge arrays). Secrets are redacted by the caller before this runs.
// The record is for reading (what did this run see?); the whole values are runWorkflow's `jobs`.
// So it keeps a glimpse of big values, not a copy: every image's record is stored, and copying a
// 200-tag explanation into each one cost as much as storing the result itself.

import type { JsonValue } from './record.js';
import { flattenError } from './flatten-error.js';

const MAX_DEPTH = 8;
/** Items of an array, Set or Map, and entries of an object, kept in a record; the rest are counted. */
export const MAX_RECORD_ITEMS = 20;
export const MAX_RECORD_STRING_CHARS = 2_000;

export const REDACTED = '[redacted]';

function boundedString(text: string): string {
  return text.length > MAX_RECORD_STRING_CHARS
    ? `${text.slice(0, MAX_RECORD_STRING_CHARS)}… (truncated)`
    : text;
}

function isPlainObject(value: object): value is Record<string, unknown> {
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

function convert(value: unknown, depth: number, seen: Set<object>): JsonValue {
  if (value === null || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'string') return boundedString(value);
  if (typeof value === 'bigint') return value.toString();
  if (typeof value !== 'object') return `[${typeof value}]`;
  if (seen.has(value)) return '[circular]';
  if (depth >= MAX_DEPTH) return '[too deep]';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  if (value instanceof Error) return convert(flattenError(value), depth + 1, seen);
  seen.add(value);
  try {
    if (Array.isArray(value) || value instanceof Set) {
      const items = Array.isArray(value) ? value : [...value];
      const converted: JsonValue[] = [];
      for (let i = 0; i < items.length && i < MAX_RECORD_ITEMS; i++) {
        converted.push(convert(items[i], depth + 1, seen));
      }
      if (items.length > MAX_RECORD_ITEMS) converted.push(`… ${items.length - MAX_RECORD_ITEMS} more`);
      return converted;
    }
    const entries =
      value instanceof Map ? [...value.entries()] : isPlainObject(value) ? Object.entries(value) : null;
    if (entries === null) return `[${value.constructor?.name ?? 'object'}]`;
    const result: { [key: string]: JsonValue } = {};
    for (const [key, item] of entries.slice(0, MAX_RECORD_ITEMS)) {
      if (item !== undefined) result[String(key)] = convert(item, depth + 1, seen);
    }
    if (entries.length > MAX_RECORD_ITEMS) result['…'] = `${entries.length - MAX_RECORD_ITEMS} more`;
    return result;
  } finally {
    seen.delete(value);
  }
}

export function toJsonSafe(value: unknown): JsonValue {
  try {
    return convert(value, 0, new Set());
  } catch {
    // A throwing getter or a hostile Proxy: the record must still be written.
    return '[unreadable]';
  }
}

/** JSON-safe copies of named values, with the secret ones replaced by "[redacted]"; unset ones omitted. */
export function recordValues(
  values: Readonly<Record<string, unknown>>,
  specs: Readonly<Record<string, { readonly secret: boolean }>>,
): { [name: string]: JsonValue } {
  const result: { [name: string]: JsonValue } = {};
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined) continue;
    result[name] = specs[name]?.secret === true ? REDACTED : toJsonSafe(value);
  }
  return result;
}
