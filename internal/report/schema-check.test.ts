import { describe, expect, it } from 'vitest';
import { schemaProblems, type SchemaNode } from './schema-check.js';

const schema: SchemaNode = {
  type: 'object',
  required: ['at', 'kind'],
  additionalProperties: false,
  properties: {
    at: { $ref: '#/$defs/time' },
    kind: { enum: ['a', 'b'] },
    n: { type: 'integer', minimum: 0 },
    list: { type: 'array', items: { oneOf: [{ type: 'null' }, { type: 'string' }] } },
  },
  $defs: { time: { type: 'string', format: 'date-time' } },
};

describe('schemaProblems', () => {
  it('accepts a conforming value', () => {
    expect(
      schemaProblems(schema, { at: '2026-11-27T09:30:00.000Z', kind: 'a', n: 0, list: [null, 'x'] }),
    ).toEqual([]);
  });

  it('names every problem by JSON pointer', () => {
    expect(schemaProblems(schema, { at: 'yesterday', n: -1.5, list: [1], extra: true })).toEqual([
      '/: missing "kind"',
      '/: unexpected "extra"',
      '/at: not an RFC 3339 date-time',
      '/n: expected integer',
      '/n: below 0',
      '/list/0: matches no alternative (/list/0: expected null; /list/0: expected string)',
    ]);
  });

  it('reports a keyword it does not check instead of ignoring it', () => {
    expect(schemaProblems({ type: 'string', pattern: '^a' }, 'b')).toEqual([
      '/: the checker does not know the keyword "pattern"',
    ]);
  });
});
