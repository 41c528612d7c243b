// `POST /api/<method>`: a JSON params object in, the method's JSON result out, or an
// ApiErrorBody with the HTTP status that matches its code.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, type ApiErrorCode } from '../api/api-error.js';
import { dispatch } from '../api/dispatch.js';
import type { Session } from '../api/session.js';
import { messageOf } from '../model/message-of.js';

export const MAX_BODY_BYTES = 1024 * 1024;

const STATUS: Readonly<Record<ApiErrorCode, number>> = {
  'invalid-params': 400,
  'unknown-method': 404,
  'not-found': 404,
  unavailable: 503,
  internal: 500,
};

export async function handleApiCall(
  session: Session,
  method: string,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  try {
    if (request.method !== 'POST') {
      response.setHeader('Allow', 'POST');
      throw new HttpError(405, `/api/${method} takes POST with a JSON params object`);
    }
    // A JSON content type cannot be sent by a cross-site form without a CORS preflight.
    if (!/^application\/json\b/i.test(request.headers['content-type'] ?? '')) {
      throw new HttpError(415, `/api/${method}: send the params with Content-Type: application/json`);
    }
    const params = parseParams(method, await readBody(request, method));
    send(response, 200, await dispatch(session, method, params));
  } catch (error) {
    if (error instanceof HttpError)
      send(response, error.status, { code: 'invalid-params', message: error.message });
    else if (error instanceof ApiError) send(response, STATUS[error.code], error.toBody());
    else send(response, 500, { code: 'internal', message: `/api/${method} failed unexpectedly` });
  }
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function parseParams(method: string, body: string): unknown {
  if (body.trim() === '') return {};
  try {
    return JSON.parse(body) as unknown;
  } catch (error) {
    throw new HttpError(400, `/api/${method}: the body is not valid JSON (${messageOf(error)})`);
  }
}

function readBody(request: IncomingMessage, method: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        // The rest is read and dropped: the answer goes out once, and the connection stays usable.
        reject(new HttpError(413, `/api/${method}: the body is larger than ${MAX_BODY_BYTES} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function send(response: ServerResponse, status: number, body: unknown): void {
  if (response.headersSent) return;
  const text = JSON.stringify(body ?? null);
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  });
  response.end(text);
}
