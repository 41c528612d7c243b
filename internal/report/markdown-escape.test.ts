import { describe, expect, it } from 'vitest';
import { escapeMarkdown, markdownDestination } from './markdown-escape.js';

describe('escapeMarkdown', () => {
  it.each([
    ['nginx:1.25.3', 'nginx:1.25.3'],
    ['2.3.1', '2.3.1'],
    ['1. item', '1\\. item'],
    ['# heading', '\\# heading'],
    ['- item', '\\- item'],
    ['=== ', '\\=== '],
    ['| fake | cell |', '\\| fake \\| cell \\|'],
    ['](javascript:alert(1))', '\\](javascript:alert(1))'],
    ['<script>', '\\<script\\>'],
    ['`code`', '\\`code\\`'],
    ['&lt;', '\\&lt;'],
    ['see https://x.test and www.x.test', 'see https\\://x.test and www\\.x.test'],
    ['a@b.test', 'a\\@b.test'],
    ['two\nlines', 'two lines'],
  ])('writes %j as %j', (text, markdown) => {
    expect(escapeMarkdown(text)).toBe(markdown);
  });
});

describe('markdownDestination', () => {
  it('percent-encodes what would end a link destination or a table cell', () => {
    expect(markdownDestination('https://x.test/a(b)|c d<e>')).toBe('https://x.test/a%28b%29%7Cc%20d%3Ce%3E');
  });
});
