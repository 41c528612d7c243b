import { describe, expect, it } from 'vitest';
import { httpUrl } from './safe-url.js';

describe('httpUrl', () => {
  it.each<[string, string | null]>([
    ['https://example.com/a b', 'https://example.com/a%20b'],
    ['HTTP://Example.com', 'http://example.com/'],
    ['javascript:alert(1)', null],
    ['data:text/html,<script>alert(1)</script>', null],
    ['file:///etc/passwd', null],
    ['//example.com/relative', null],
    ['not a url', null],
  ])('%j → %j', (raw, expected) => {
    expect(httpUrl(raw)).toBe(expected);
  });
});
