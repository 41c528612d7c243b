import { HttpBodyError } from './errors.js';
import type { HttpResponse } from './types.js';

const utf8 = new TextDecoder();

/** The one HttpResponse implementation: a fully read body with text and JSON views of it. */
export class BufferedResponse implements HttpResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Uint8Array;
  readonly source: HttpResponse['source'];
  readonly #url: URL;

  constructor(
    url: URL,
    status: number,
    headers: Readonly<Record<string, string>>,
    body: Uint8Array,
    source: HttpResponse['source'],
  ) {
    this.#url = url;
    this.status = status;
    this.headers = headers;
    this.body = body;
    this.source = source;
  }

  get url(): string {
    return this.#url.href;
  }

  text(): string {
    return utf8.decode(this.body);
  }

  json<T = unknown>(): T {
    const text = this.text();
    try {
      return JSON.parse(text) as T;
    } catch (cause) {
      throw new HttpBodyError(this.#url, this.status, this.headers['content-type'] ?? '(none)', text, cause);
    }
  }
}
