import { describe, expect, it } from 'vitest';
import { tokenFromGhHosts } from './gh-hosts-file.js';

describe('tokenFromGhHosts', () => {
  it('reads the active token of a multi-account hosts.yml (gh 2.40+), not a users: entry', () => {
    const text = [
      'github.com:',
      '    users:',
      '        other:',
      '            oauth_token: gho_other',
      '        monalisa:',
      '            oauth_token: gho_monalisa',
      '    git_protocol: https',
      '    user: monalisa',
      '    oauth_token: gho_monalisa # active',
    ].join('\n');
    expect(tokenFromGhHosts(text)).toBe('gho_monalisa');
  });

  it('reads the older single-account layout, quoted values and CRLF lines', () => {
    expect(tokenFromGhHosts('# gh hosts\r\ngithub.com:\r\n  oauth_token: "gho_q#1"\r\n  user: me\r\n')).toBe(
      'gho_q#1',
    );
    expect(tokenFromGhHosts("github.com:\n  oauth_token: 'gho_single'\n")).toBe('gho_single');
  });

  it('ignores other hosts, a keyring-only login and text that is not this YAML', () => {
    expect(tokenFromGhHosts('ghe.example.com:\n    oauth_token: gho_ghe\n')).toBeNull();
    expect(
      tokenFromGhHosts('github.com:\n    users:\n        me:\n    user: me\n    git_protocol: ssh\n'),
    ).toBeNull();
    expect(tokenFromGhHosts('github.com:\n    oauth_token:\n')).toBeNull();
    expect(tokenFromGhHosts('\u0000\u0001 not yaml at all {')).toBeNull();
    expect(tokenFromGhHosts('')).toBeNull();
  });
});
