// What a page knows about data it asked the core for: exactly one of loading, ready, or failed.
import type { ApiErrorBody } from '../../../internal/api/contract.js';

export type LoadState<T> =
  | { readonly state: 'loading' }
  | { readonly state: 'ready'; readonly value: T }
  | { readonly state: 'failed'; readonly message: string };

function isApiError(error: unknown): error is ApiErrorBody {
  return typeof error === 'object' && error !== null && 'code' in error && 'message' in error;
}

/** The message to show for a failed call: the core's own words (they say what to do) when it sent some. */
export function errorMessage(error: unknown): string {
  if (isApiError(error) || error instanceof Error) return error.message;
  return String(error);
}

/** Runs `load` and reports its outcome as a LoadState, never as a rejection. */
export async function settle<T>(load: () => Promise<T>): Promise<LoadState<T>> {
  try {
    return { state: 'ready', value: await load() };
  } catch (error) {
    return { state: 'failed', message: errorMessage(error) };
  }
}
