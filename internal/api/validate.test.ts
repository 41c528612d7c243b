import { describe, expect, it } from 'vitest';
import { ApiError } from './api-error.js';
import type { ApiMethod } from './contract.js';
import { validators } from './validate.js';

/** For each method: params that pass, and bad params with the field the error must name. */
const cases: { readonly [M in ApiMethod]: { good: unknown[]; bad: [params: unknown, field: RegExp][] } } = {
  snapshot: {
    good: [{}],
    bad: [
      [{ extra: 1 }, /unknown field extra \(it takes no fields\)/],
      [null, /params must be an object/],
    ],
  },
  summary: { good: [{}], bad: [[[], /params must be an object, got a list/]] },
  checkAll: { good: [{}], bad: [[{ reference: 'x' }, /unknown field reference \(it takes no fields\)/]] },
  updateActions: {
    good: [{ reference: 'nginx:1.25' }, { reference: 'nginx:1.25', bump: 'digest' }],
    bad: [
      [
        { reference: 'nginx:1.25', bump: 'latest' },
        /bump must be one of "major", "minor", "patch", "digest", got "latest"/,
      ],
      [{ bump: 'major' }, /reference must be a non-empty string, got nothing/],
      [{ reference: 'x', force: true }, /unknown field force \(it takes: reference, bump\)/],
    ],
  },
  exportReport: {
    good: [
      {
        format: 'html',
        groupBy: 'location',
        onlyOutdated: false,
        bumps: null,
        platforms: null,
        changesSince: null,
      },
      {
        format: 'csv',
        groupBy: 'image',
        onlyOutdated: true,
        bumps: ['major'],
        platforms: ['docker:x'],
        changesSince: 0,
      },
    ],
    bad: [
      [
        {
          format: 'pdf',
          groupBy: 'image',
          onlyOutdated: true,
          bumps: null,
          platforms: null,
          changesSince: null,
        },
        /format must be one of/,
      ],
      [
        {
          format: 'md',
          groupBy: 'image',
          onlyOutdated: true,
          bumps: ['huge'],
          platforms: null,
          changesSince: null,
        },
        /bumps\[0\] must be major, minor, patch or digest/,
      ],
      [
        {
          format: 'md',
          groupBy: 'image',
          onlyOutdated: 'yes',
          bumps: null,
          platforms: null,
          changesSince: null,
        },
        /onlyOutdated must be true or false/,
      ],
    ],
  },
  recentUpdates: {
    good: [{ limit: 1 }, { limit: 1000 }],
    bad: [
      [{ limit: 0 }, /limit must be a whole number from 1 to 1000/],
      [{ limit: 2.5 }, /limit must be a whole number/],
      [{}, /limit must be a whole number/],
    ],
  },
  listImages: {
    good: [
      { sort: 'name', order: 'asc', limit: 50, offset: 0 },
      {
        sort: 'update',
        order: 'desc',
        limit: 1000,
        offset: 10,
        query: '',
        tags: { any: ['outdated'] },
        includeDisappeared: true,
      },
    ],
    bad: [
      [
        { order: 'asc', limit: 50, offset: 0 },
        /sort must be one of "name", "update", got nothing \(the field is missing\)/,
      ],
      [
        { sort: 'name', order: 'asc', limit: 0, offset: 0 },
        /limit must be a whole number from 1 to 1000, got 0/,
      ],
      [{ sort: 'name', order: 'asc', limit: 5, offset: 1.5 }, /offset must be a whole number/],
      [
        { sort: 'name', order: 'asc', limit: 5, offset: 0, tags: { any: [3] } },
        /tags\.any\[0\] must be a non-empty string, got 3/,
      ],
      [{ sort: 'name', order: 'asc', limit: 5, offset: 0, tags: { some: [] } }, /unknown field tags\.some/],
    ],
  },
  getImage: {
    good: [{ reference: 'nginx:1.25' }],
    bad: [[{ reference: '' }, /reference must be a non-empty string, got ""/]],
  },
  checkNow: {
    good: [{ reference: 'nginx' }],
    bad: [[{}, /reference must be a non-empty string, got nothing/]],
  },
  discovery: { good: [{}], bad: [['x', /params must be an object/]] },
  selectPlatforms: {
    good: [{ dockerEndpoints: ['system'], kubeContexts: [], staticLists: ['/tmp/a.txt'] }],
    bad: [
      [
        { dockerEndpoints: [], kubeContexts: 'prod', staticLists: [] },
        /kubeContexts must be a list of strings, got "prod"/,
      ],
      [
        { dockerEndpoints: [], kubeContexts: [], staticLists: [''] },
        /staticLists\[0\] must be a non-empty string/,
      ],
    ],
  },
  getSettings: { good: [{}], bad: [[{ a: 1 }, /unknown field a/]] },
  changeSettings: {
    good: [
      { kind: 'recheck-interval', minutes: 30 },
      { kind: 'notifications', enabled: false },
      { kind: 'github-token', token: null },
      { kind: 'github-token', token: 'ghp_x' },
      { kind: 'registry-credential', registry: 'GHCR.io', username: 'me', password: 'p' },
      { kind: 'remove-registry-credential', registry: '127.0.0.1:5000' },
      { kind: 'kube-namespaces', context: 'prod', namespaces: ['shop', 'jobs'] },
      { kind: 'kube-namespaces', context: 'prod', namespaces: [] },
    ],
    bad: [
      [{ kind: 'colour' }, /kind must be one of "recheck-interval", .*got "colour"/],
      [{ kind: 'recheck-interval', minutes: 0 }, /minutes must be a whole number from 1 to 10080, got 0/],
      [{ kind: 'notifications', enabled: 'yes' }, /enabled must be true or false, got "yes"/],
      [
        { kind: 'registry-credential', registry: 'https://ghcr.io/', username: 'me', password: 'p' },
        /registry must be a host\[:port\]/,
      ],
      [
        { kind: 'registry-credential', registry: 'ghcr.io', username: 'me' },
        /password must be a non-empty string, got nothing/,
      ],
      [{ kind: 'notifications', enabled: true, minutes: 3 }, /unknown field minutes/],
      [
        { kind: 'kube-namespaces', context: 'prod', namespaces: ['Shop'] },
        /namespaces\[0\] is not a namespace name/,
      ],
      [{ kind: 'kube-namespaces', namespaces: ['shop'] }, /context must be a non-empty string/],
      [
        {
          kind: 'kube-namespaces',
          context: 'prod',
          namespaces: Array.from({ length: 51 }, (_, i) => `n${i}`),
        },
        /namespaces lists 51; give at most 50/,
      ],
    ],
  },
  listRules: { good: [{}], bad: [[{ pattern: 'x' }, /unknown field pattern/]] },
  setRule: {
    good: [
      { pattern: 'docker.io/library/*', pin: true, include: ['^1\\.'], stayBelow: '2.0' },
      { pattern: 'ghcr.io/*/app:*' },
    ],
    bad: [
      [{ pin: true }, /pattern must be a non-empty string/],
      [{ pattern: 'x', include: ['('] }, /include\[0\] is not a valid regular expression/],
      // The setRule half of issue 15's ReDoS: refused before anything is stored or matched.
      [
        { pattern: 'x', exclude: ['rc', '^(\\S*){300}!$'] },
        /exclude\[1\] is too complex: it compiles to 1205/,
      ],
      [{ pattern: 'x', include: ['(?=1)'] }, /include\[0\] .*lookahead/],
      // The image pattern's stars become backtracking `.*`: 6 of them took 69 s on one reference.
      [
        { pattern: 'docker.io/a*a*a*a*a*a*b' },
        /pattern "docker.io\/a\*a\*a\*a\*a\*a\*b" has 6 "\*"; use at most 2/,
      ],
      [{ pattern: 'x', ignore: 1 }, /ignore must be true or false, got 1/],
    ],
  },
  deleteRule: {
    good: [{ pattern: 'x' }],
    bad: [[{ pattern: 7 }, /pattern must be a non-empty string, got 7/]],
  },
};

describe('validators', () => {
  for (const [method, { good, bad }] of Object.entries(cases)) {
    const validate = validators[method as ApiMethod] as (raw: unknown) => unknown;
    it(`${method}: good params pass, bad ones are invalid-params naming the method and field`, () => {
      for (const params of good) expect(() => validate(params)).not.toThrow();
      for (const [params, field] of bad) {
        let error: unknown;
        try {
          validate(params);
        } catch (caught) {
          error = caught;
        }
        expect(error).toBeInstanceOf(ApiError);
        expect((error as ApiError).code).toBe('invalid-params');
        expect((error as ApiError).message).toMatch(new RegExp(`^${method}: `));
        expect((error as ApiError).message).toMatch(field);
      }
    });
  }

  it('returns only the fields the contract knows, with optional ones left out when absent', () => {
    expect(validators.listImages({ sort: 'name', order: 'asc', limit: 5, offset: 0 })).toEqual({
      sort: 'name',
      order: 'asc',
      limit: 5,
      offset: 0,
    });
    expect(
      validators.changeSettings({
        kind: 'registry-credential',
        registry: 'GHCR.io',
        username: 'me',
        password: 'p',
      }),
    ).toEqual({
      kind: 'registry-credential',
      registry: 'ghcr.io',
      username: 'me',
      password: 'p',
    });
  });
});
