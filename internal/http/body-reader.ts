// Reads an answer's body into memory, counting bytes as they arrive and never holding more than the
// limit (body-limit.ts): past it the stream is destroyed (undici closes the connection) and the
// request fails. A body cut off by the network is told with where it broke and its errno.
import type { Readable } from 'node:stream';
import { ERROR_BODY_BYTES, type BodyLimit } from './body-limit.js';
import { HttpBodyTooLargeError } from './errors.js';
import { messageOf } from '../model/message-of.js';

export interface BodyToRead {
  readonly method: string;
  readonly url: URL;
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly limit: BodyLimit;
  /** The request's signal: a read it cuts short is the caller's abort or the deadline, not the network. */
  readonly signal: AbortSignal;
}

/**
 * The cause of an HttpNetworkError when the connection broke mid-body: says after how many bytes
 * and keeps the system error's code (ECONNRESET, …), which the first line of a reset omits.
 */
export class BodyCutOffError extends Error {
  override readonly name = 'BodyCutOffError';
  readonly code: string | undefined;

  constructor(status: number, received: number, declared: number | null, cause: unknown) {
    const of = declared === null ? '' : ` of ${declared.toLocaleString('en')}`;
    super(
      `the body of the HTTP ${status} answer broke off after ${received.toLocaleString('en')}${of} bytes: ${messageOf(cause)}`,
      { cause },
    );
    const code = (cause as { code?: unknown } | null)?.code;
    this.code = typeof code === 'string' ? code : undefined;
  }
}

export async function readBody(body: Readable, read: BodyToRead): Promise<Uint8Array> {
  const successful = read.status >= 200 && read.status < 300;
  const declared = declaredLength(read.headers['content-length']);
  if (successful && declared !== null && declared > read.limit.bytes) {
    body.destroy();
    throw new HttpBodyTooLargeError(read.method, read.url, read.status, read.limit, declared);
  }
  const keep = successful ? read.limit.bytes : Math.min(read.limit.bytes, ERROR_BODY_BYTES);
  const chunks: Uint8Array[] = [];
  let received = 0;
  try {
    for await (const chunk of body as AsyncIterable<Uint8Array>) {
      if (received + chunk.length > keep) {
        // Leaving the loop destroys the stream: nothing past the limit is read or held.
        if (successful)
          throw new HttpBodyTooLargeError(read.method, read.url, read.status, read.limit, declared);
        chunks.push(chunk.subarray(0, keep - received));
        received = keep;
        break;
      }
      chunks.push(chunk);
      received += chunk.length;
    }
  } catch (error) {
    if (error instanceof HttpBodyTooLargeError || read.signal.aborted) throw error;
    throw new BodyCutOffError(read.status, received, declared, error);
  }
  // One copy into a buffer of its own: a chunk may be a view into a larger socket buffer, which a
  // cache entry would otherwise keep alive.
  const bytes = new Uint8Array(received);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}

function declaredLength(header: string | undefined): number | null {
  if (header === undefined || !/^\d+$/.test(header)) return null;
  return Number(header);
}
