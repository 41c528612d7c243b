import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GithubToken, GithubTokenError, resolveGithubToken } from './token.js';

describe('resolveGithubToken', () => {
  let home: string;
  let ghDir: string;

  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), 'gh-token-'));
    await mkdir(join(home, '.config', 'gh'), { recursive: true });
    await writeFile(join(home, '.config', 'gh', 'hosts.yml'), 'github.com:\n    oauth_token: gho_home\n');
    ghDir = join(home, 'custom-gh');
    await mkdir(ghDir);
    await writeFile(join(ghDir, 'hosts.yml'), 'github.com:\n    oauth_token: gho_custom\n');
  });
  afterAll(async () => rm(home, { recursive: true, force: true }));

  const header = (token: GithubToken | null): string | undefined => token?.authorization();

  it('prefers the setting, then GH_TOKEN, then GITHUB_TOKEN, then the gh hosts file', async () => {
    const env = { GH_TOKEN: 'gh_env', GITHUB_TOKEN: 'github_env' };
    const fromSetting = await resolveGithubToken({ setting: ' set ', env, homeDir: home });
    expect([fromSetting?.origin, header(fromSetting)]).toEqual(['setting', 'Bearer set']);
    expect(header(await resolveGithubToken({ setting: '', env, homeDir: home }))).toBe('Bearer gh_env');
    expect(header(await resolveGithubToken({ env: { GITHUB_TOKEN: 'github_env' }, homeDir: home }))).toBe(
      'Bearer github_env',
    );
    const fromFile = await resolveGithubToken({ env: {}, homeDir: home });
    expect([fromFile?.origin, header(fromFile)]).toEqual(['gh hosts file', 'Bearer gho_home']);
  });

  it('reads the hosts file from GH_CONFIG_DIR, then XDG_CONFIG_HOME/gh', async () => {
    expect(header(await resolveGithubToken({ env: { GH_CONFIG_DIR: ghDir }, homeDir: home }))).toBe(
      'Bearer gho_custom',
    );
    expect(
      header(
        await resolveGithubToken({ env: { XDG_CONFIG_HOME: join(home, '.config') }, homeDir: '/nowhere' }),
      ),
    ).toBe('Bearer gho_home');
  });

  it('is null without any token (no gh CLI installed)', async () => {
    expect(await resolveGithubToken({ env: {}, homeDir: join(home, 'missing') })).toBeNull();
  });

  it('rejects a token with a line break, naming where it came from but not the value', async () => {
    const attempt = resolveGithubToken({ setting: 'ghp_abc\r\nX-Evil: 1', env: {}, homeDir: home });
    await expect(attempt).rejects.toBeInstanceOf(GithubTokenError);
    await expect(attempt).rejects.toThrow(/token from setting .* without spaces or line breaks/);
    await expect(attempt).rejects.not.toThrow(/ghp_abc/);
  });

  it('never prints its value: String, JSON and util.inspect show the origin only', () => {
    const token = new GithubToken('ghp_secret123', 'GITHUB_TOKEN');
    const printed = [String(token), JSON.stringify({ token }), inspect(token), inspect({ token })].join(' ');
    expect(printed).toContain('GitHub token from GITHUB_TOKEN');
    expect(printed).not.toContain('ghp_secret123');
  });
});
