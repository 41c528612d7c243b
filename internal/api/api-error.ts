// The one error type the API answers with: a code for the UI's logic and a message that names the
// method, the input at fault and what to do. Whatever the core throws is turned into one of these
// here, so no host ever sends a stack trace (or anything but the message) to the renderer.
import type { ApiErrorBody } from './contract.js';
import { AppStateError, UnknownImageError } from '../app/errors.js';
import { InvalidReferenceError } from '../oci/reference.js';
import { messageOf } from '../model/message-of.js';

export type ApiErrorCode = ApiErrorBody['code'];

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  toBody(): ApiErrorBody {
    return { code: this.code, message: this.message };
  }
}

/** `error` as an ApiError of `method`: core errors keep their message (they name their input). */
export function toApiError(method: string, error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  const message = `${method}: ${messageOf(error)}`;
  if (error instanceof UnknownImageError) return new ApiError('not-found', message, { cause: error });
  if (error instanceof InvalidReferenceError)
    return new ApiError('invalid-params', message, { cause: error });
  if (error instanceof AppStateError) return new ApiError('unavailable', message, { cause: error });
  return new ApiError('internal', message, { cause: error });
}
