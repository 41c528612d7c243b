// Reads an answer's body into memory, counting bytes as they arrive and never holding more than the
// limit (body-limit.ts): past it the stream is destroyed (undici closes the connection) and the
// request fails. A body cut off by the network is told with where it broke and its errno. Read
// with 'data' events rather than async iteration: as cheap as undici's own arrayBuffer().
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
  await new Promise<void>((resolve, reject) => {
    let settled = false;
    const settle = (error?: Error): void => {
      if (settled) return;
      settled = true;
      if (error === undefined) resolve();
      else reject(error);
    };
    const onData = (chunk: Uint8Array): void => {
      if (received + chunk.length <= keep) {
        chunks.push(chunk);
        received += chunk.length;
        return;
      }
      // Nothing past the limit is read or held: the stream is destroyed (undici closes the connection).
      body.off('data', onData);
      if (successful) {
        settle(new HttpBodyTooLargeError(read.method, read.url, read.status, read.limit, declared));
      } else {
        chunks.push(chunk.subarray(0, keep - received));
        received = keep;
        settle();
      }
      body.destroy();
    };
    body.on('data', onData);
    body.once('end', () => settle());
    body.once('error', (error) => {
      if (settled) return;
      settle(read.signal.aborted ? error : new BodyCutOffError(read.status, received, declared, error));
    });
    // Closed without 'end' or 'error': the body did not arrive whole. (The error is built only then:
    // capturing its stack costs more than reading a small body.)
    body.once('close', () => {
      if (!settled)
        settle(new BodyCutOffError(read.status, received, declared, new Error('the stream closed early')));
    });
  });
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
