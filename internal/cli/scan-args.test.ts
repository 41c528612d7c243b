import { describe, expect, it } from 'vitest';
import { parseScanArgs } from './scan-args.js';

describe('parseScanArgs', () => {
  it('defaults to the discovered Docker endpoints and the current kube context when no platform is given', () => {
    expect(parseScanArgs([])).toMatchObject({
      kind: 'scan',
      args: {
        platforms: { staticLists: [], dockerEndpoints: 'every', kubeContexts: 'defaults' },
        dataDir: ':memory:',
        insecureRegistries: [],
        sources: {},
        report: { format: null, failOn: null },
      },
    });
  });

  it('turns the enrichment sources off with --no-sources, and reads report flags', () => {
    const command = parseScanArgs(['--no-sources', '--report', 'csv', '--fail-on', 'major']);
    expect(command.kind === 'scan' && command.args.sources).toBeUndefined();
    expect(command.kind === 'scan' && command.args.report).toMatchObject({ format: 'csv', failOn: 'major' });
    expect(() => parseScanArgs(['--fail-on', 'huge'])).toThrow(/--fail-on/);
  });

  it('reads repeated lists, insecure registries and a data directory; a list alone means no defaults', () => {
    const command = parseScanArgs([
      '--list',
      'a.txt',
      '--list=b.txt',
      '--insecure-registry',
      'reg.lan:5000',
      '--data-dir',
      '/tmp/d',
    ]);
    expect(command).toMatchObject({
      kind: 'scan',
      args: {
        platforms: { staticLists: ['a.txt', 'b.txt'], dockerEndpoints: [], kubeContexts: [] },
        dataDir: '/tmp/d',
        insecureRegistries: ['reg.lan:5000'],
      },
    });
  });

  it('takes --docker with or without an endpoint', () => {
    const bare = parseScanArgs(['--docker', '--list', 'x']);
    expect(bare.kind === 'scan' && bare.args.platforms.dockerEndpoints).toBe('every');
    const last = parseScanArgs(['--docker']);
    expect(last.kind === 'scan' && last.args.platforms).toEqual({
      staticLists: [],
      dockerEndpoints: 'every',
      kubeContexts: [],
    });
    const hosts = parseScanArgs(['--docker', 'unix:///run/a.sock', '--docker', 'tcp://h:2375']);
    expect(hosts.kind === 'scan' && hosts.args.platforms.dockerEndpoints).toEqual([
      'unix:///run/a.sock',
      'tcp://h:2375',
    ]);
  });

  it('takes kube contexts or all of them, not both', () => {
    const named = parseScanArgs(['--kube-context', 'a', '--kube-context', 'b']);
    expect(named.kind === 'scan' && named.args.platforms.kubeContexts).toEqual(['a', 'b']);
    const all = parseScanArgs(['--all-contexts']);
    expect(all.kind === 'scan' && all.args.platforms).toEqual({
      staticLists: [],
      dockerEndpoints: [],
      kubeContexts: 'every',
    });
    expect(() => parseScanArgs(['--kube-context', 'a', '--all-contexts'])).toThrow(
      'give either --kube-context NAME or --all-contexts, not both',
    );
  });

  it('answers help, and refuses unknown options and empty values with what to do', () => {
    expect(parseScanArgs(['--help'])).toEqual({ kind: 'help' });
    expect(parseScanArgs(['-h'])).toEqual({ kind: 'help' });
    expect(() => parseScanArgs(['--bogus'])).toThrow(/Unknown option '--bogus'.*cupdate scan --help/);
    expect(() => parseScanArgs(['stray'])).toThrow(/cupdate scan --help/);
    expect(() => parseScanArgs(['--list', ''])).toThrow('--list needs a non-empty value');
  });
});
