import { describe, expect, it } from 'vitest';

import { flattenError } from './flatten-error.js';
import { StepLog, MAX_LOG_MESSAGE_CHARS } from './step-log.js';
import type { JsonValue } from './record.js';
import { MAX_RECORD_ITEMS, MAX_RECORD_STRING_CHARS, recordValues, toJsonSafe } from './to-json-safe.js';

describe('toJsonSafe', () => {
  it('keeps JSON values and converts the rest to readable stand-ins', () => {
    class RegistryClient {}
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic.self = cyclic;
    const shared = { a: 1 };
    expect(
      toJsonSafe({
        text: 'x',
        list: [1, null, true],
        when: new Date(0),
        big: 10n,
        nan: Number.NaN,
        client: new RegistryClient(),
        map: new Map([['k', new Set([1, 2])]]),
        fn: () => 1,
        gone: undefined,
        cyclic,
        twice: [shared, shared],
        error: new Error('boom'),
      }),
    ).toEqual({
      text: 'x',
      list: [1, null, true],
      when: '1970-01-01T00:00:00.000Z',
      big: '10',
      nan: 'NaN',
      client: '[RegistryClient]',
      map: { k: [1, 2] },
      fn: '[function]',
      cyclic: { name: 'loop', self: '[circular]' },
      twice: [{ a: 1 }, { a: 1 }],
      error: { name: 'Error', message: 'boom' },
    });
  });

  it('stands in for a value that throws when read', () => {
    const hostile = new Proxy(
      {},
      {
        ownKeys: () => {
          throw new Error('no');
        },
      },
    );
    expect(toJsonSafe({ hostile })).toBe('[unreadable]');
  });

  it('keeps a glimpse of large values: the first items and entries, and how many more', () => {
    const many = Array.from({ length: MAX_RECORD_ITEMS + 5 }, (_, i) => i);
    const bounded = toJsonSafe(many) as JsonValue[];
    expect(bounded).toHaveLength(MAX_RECORD_ITEMS + 1);
    expect(bounded.at(-1)).toBe('… 5 more');
    const object = toJsonSafe(Object.fromEntries(many.map((i) => [`k${i}`, i]))) as Record<string, JsonValue>;
    expect(Object.keys(object)).toHaveLength(MAX_RECORD_ITEMS + 1);
    expect(object['…']).toBe('5 more');
    const text = toJsonSafe('x'.repeat(MAX_RECORD_STRING_CHARS + 1)) as string;
    expect(text).toBe(`${'x'.repeat(MAX_RECORD_STRING_CHARS)}… (truncated)`);
  });

  it('redacts secret values by name and omits unset ones', () => {
    const specs = { token: { secret: true }, user: { secret: false } };
    expect(recordValues({ token: 'abc', user: 'me', unset: undefined }, specs)).toEqual({
      token: '[redacted]',
      user: 'me',
    });
  });
});

describe('flattenError', () => {
  it('stops a self-referencing cause chain', () => {
    const error = new Error('loop');
    error.cause = error;
    let depth = 0;
    for (let level = flattenError(error); level.cause !== undefined; level = level.cause) depth += 1;
    expect(depth).toBe(8);
  });

  it('describes non-Error values that JSON cannot', () => {
    expect(flattenError(undefined).message).toBe('a non-Error value was thrown: undefined');
    expect(flattenError(Symbol('s')).message).toBe('a non-Error value was thrown: Symbol(s)');
  });
});

describe('StepLog', () => {
  it('truncates long lines and snapshots a copy', () => {
    const log = new StepLog();
    log.add('info', 1, 'x'.repeat(MAX_LOG_MESSAGE_CHARS + 10));
    const first = log.snapshot();
    log.add('info', 1, 'later');
    expect(first.logs).toHaveLength(1);
    expect(first.logs[0]?.message).toBe(`${'x'.repeat(MAX_LOG_MESSAGE_CHARS)}… (truncated)`);
  });
});
