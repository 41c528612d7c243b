// JSON columns: values are serialized on the way in (a value JSON cannot hold is the caller's
// mistake, reported by field name) and parsed on the way out.
import { StoreError } from './errors.js';
import type { Json } from '../model/json.js';

export function toJsonText(path: string, field: string, value: unknown): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (error) {
    throw new StoreError(
      'invalid-input',
      path,
      `${field} cannot be stored as JSON (a cycle or a BigInt?); pass plain data`,
      error,
    );
  }
  if (text === undefined) {
    throw new StoreError(
      'invalid-input',
      path,
      `${field} cannot be stored as JSON (it is ${typeof value}); pass plain data`,
    );
  }
  return text;
}

/** Parses a column the schema checked with json_valid. */
export function parseJson(text: string): Json {
  return JSON.parse(text) as Json;
}
