import { describe, expect, it } from 'vitest';
import { parseStatement, StatementShapeError } from './in-toto.js';

const bytes = (value: unknown) =>
  new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value));
const statement = {
  _type: 'https://in-toto.io/Statement/v1',
  subject: [],
  predicateType: 'p',
  predicate: { a: 1 },
};

describe('parseStatement', () => {
  it('reads a bare statement', () => {
    expect(parseStatement(bytes(statement))).toEqual({ predicateType: 'p', predicate: { a: 1 } });
  });

  it('unwraps a DSSE envelope (cosign, GitHub attestations)', () => {
    const envelope = {
      payloadType: 'application/vnd.in-toto+json',
      payload: Buffer.from(JSON.stringify(statement)).toString('base64'),
      signatures: [{ keyid: '', sig: 'c2ln' }],
    };
    expect(parseStatement(bytes(envelope))).toEqual({ predicateType: 'p', predicate: { a: 1 } });
  });

  it.each([
    ['not json', '{oops'],
    ['JSON without predicateType', { _type: 'x' }],
  ])('%s is a StatementShapeError', (_, body) => {
    expect(() => parseStatement(bytes(body))).toThrow(StatementShapeError);
  });
});
