import { describe, expect, it } from 'vitest';
import { parseServeArgs } from './serve-args.js';

describe('parseServeArgs', () => {
  it('defaults to loopback, port 8080, an in-memory store and the last selection', () => {
    expect(parseServeArgs([])).toEqual({
      kind: 'serve',
      args: {
        host: '127.0.0.1',
        port: 8080,
        tokenFile: undefined,
        dataDir: ':memory:',
        selection: undefined,
        insecureRegistries: [],
        sources: {},
      },
    });
    const offline = parseServeArgs(['--no-sources']);
    expect(offline.kind === 'serve' && offline.args.sources).toBeUndefined();
  });

  it('collects repeatable platform options into a selection', () => {
    const command = parseServeArgs([
      '--list',
      'a.txt',
      '--list',
      'b.txt',
      '--docker',
      'system',
      '--kube-context',
      'prod',
      '--port',
      '0',
    ]);
    expect(command).toMatchObject({
      kind: 'serve',
      args: {
        port: 0,
        selection: { dockerEndpoints: ['system'], kubeContexts: ['prod'], staticLists: ['a.txt', 'b.txt'] },
      },
    });
  });

  it('names the option at fault and what to do', () => {
    expect(() => parseServeArgs(['--port', '70000'])).toThrow(
      '--port 70000: give a port number from 0 to 65535',
    );
    expect(() => parseServeArgs(['--list', ' '])).toThrow('--list needs a non-empty value');
    expect(() => parseServeArgs(['--token-file', ''])).toThrow('--token-file needs a non-empty value');
    expect(() => parseServeArgs(['--frobnicate'])).toThrow(/run "cupdate serve --help" for the options/);
    expect(parseServeArgs(['-h'])).toEqual({ kind: 'help' });
  });
});
