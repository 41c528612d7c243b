// Checks of numeric query inputs, so a bad limit is a clear error rather than an SQLite
// "datatype mismatch" or a silent full-table read.
import { StoreError } from './errors.js';

/** A whole number in [min, max]; `name` is how the caller spelled the input. */
export function requireWholeNumber(
  path: string,
  name: string,
  value: number,
  min: number,
  max: number,
): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new StoreError(
      'invalid-input',
      path,
      `${name} must be a whole number from ${min} to ${max}, got ${value}`,
    );
  }
  return value;
}

/** The largest page any list query returns. */
export const MAX_PAGE = 1000;
