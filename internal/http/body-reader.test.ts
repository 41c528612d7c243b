import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { BodyCutOffError, readBody, type BodyToRead } from './body-reader.js';
import { HttpBodyTooLargeError } from './errors.js';

const url = new URL('http://registry.test/v2/app/tags/list');
const read = (overrides: Partial<BodyToRead> = {}): BodyToRead => ({
  method: 'GET',
  url,
  status: 200,
  headers: {},
  limit: { bytes: 10, kind: 'a tag list page' },
  signal: new AbortController().signal,
  ...overrides,
});
const chunks = (...parts: string[]) => Readable.from(parts.map((part) => Buffer.from(part)));

/** A stream that gives `first` and then fails the way a socket reset does. */
function resetAfter(first: string): Readable {
  const stream = new Readable({ read() {} });
  stream.push(Buffer.from(first));
  setImmediate(() =>
    stream.destroy(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET', syscall: 'read' })),
  );
  return stream;
}

describe('readBody', () => {
  it('joins the chunks of a body within its limit into one buffer of its own', async () => {
    const body = await readBody(chunks('0123', '456789'), read());
    expect(Buffer.from(body).toString()).toBe('0123456789');
    expect(body.byteLength).toBe(body.buffer.byteLength);
  });

  it('throws HttpBodyTooLargeError at the first chunk past the limit and destroys the stream', async () => {
    const stream = chunks('0123', '456789', 'X');
    await expect(readBody(stream, read())).rejects.toBeInstanceOf(HttpBodyTooLargeError);
    expect(stream.destroyed).toBe(true);
  });

  it('refuses an announced Content-Length past the limit without reading', async () => {
    const stream = chunks('0');
    const error = await readBody(stream, read({ headers: { 'content-length': '11' } })).catch(
      (e: unknown) => e,
    );
    expect((error as Error).message).toContain('(it announced 11 bytes)');
    expect(stream.destroyed).toBe(true);
    expect(stream.readableDidRead).toBe(false);
  });

  it('keeps the first bytes of an unsuccessful answer (up to the limit) instead of failing', async () => {
    const body = await readBody(chunks('<html>', 'not found', '</html>'), read({ status: 404 }));
    expect(Buffer.from(body).toString()).toBe('<html>not ');
  });

  it('says where a body broke off and keeps the errno of the reset', async () => {
    const error = await readBody(
      resetAfter('0123'),
      read({ headers: { 'content-length': '9' }, limit: { bytes: 100, kind: 'x' } }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BodyCutOffError);
    expect(error).toMatchObject({
      code: 'ECONNRESET',
      message: 'the body of the HTTP 200 answer broke off after 4 of 9 bytes: read ECONNRESET',
    });
  });

  it('lets an abort through as it is (the caller or the deadline, not the network)', async () => {
    const controller = new AbortController();
    const stream = new Readable({ read() {} });
    const reading = readBody(stream, read({ signal: controller.signal }));
    controller.abort();
    stream.destroy(new DOMException('aborted', 'AbortError'));
    await expect(reading).rejects.toMatchObject({ name: 'AbortError' });
  });
});
