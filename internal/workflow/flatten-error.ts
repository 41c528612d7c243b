// Turns whatever a step threw into plain data for the run record: name, message and the chain of
// causes (Error.cause, ES2022). Steps may throw non-Error values (strings, objects, undefined);
// those are described, not lost.

import type { SerializedError } from './record.js';

const MAX_CAUSE_DEPTH = 8;
const MAX_MESSAGE_CHARS = 4_000;

function bounded(text: string): string {
  return text.length > MAX_MESSAGE_CHARS ? `${text.slice(0, MAX_MESSAGE_CHARS)}… (truncated)` : text;
}

function describeNonError(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

export function flattenError(error: unknown, depth = 0): SerializedError {
  if (!(error instanceof Error)) {
    return {
      name: 'NonErrorThrown',
      message: bounded(`a non-Error value was thrown: ${describeNonError(error)}`),
    };
  }
  const flat = { name: error.name, message: bounded(error.message) };
  if (error.cause === undefined || depth >= MAX_CAUSE_DEPTH) return flat;
  return { ...flat, cause: flattenError(error.cause, depth + 1) };
}
