// Compose actions over real files in a temporary directory; the diff is applied with GNU patch and
// the command run through a real sh with a recording `docker`.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { composeAction, type ComposeActionInput } from './compose-action.js';
import { fakeTools } from './testing/fake-tools.js';
import type { UpdateTarget } from './types.js';

const OLD = `sha256:${'a'.repeat(64)}`;
const NEW = `sha256:${'b'.repeat(64)}`;
const target: UpdateTarget = { bump: 'minor', tag: '1.26', digest: NEW };

const COMPOSE = `# The shop. Ops: keep the comments.
x-logging: &logging
  driver: local

services:
  web:
    image: nginx:1.25 # bump with care
    logging: *logging
  worker:
    image: "nginx:1.25@${OLD}"
  cron:
    image: \${CRON_IMAGE:-nginx:1.25}
`;

describe('composeAction', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cupdate-compose-'));
  const project = join(dir, 'shop');
  mkdirSync(project);
  const composeFile = join(project, 'compose.yaml');
  writeFileSync(composeFile, COMPOSE);
  const tools = fakeTools(['docker']);
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    tools.remove();
  });

  const input = (
    service: string,
    labels: Record<string, string> = {},
    image = 'nginx:1.25',
  ): ComposeActionInput => ({
    place: {
      kind: 'docker',
      platform: 'docker:laptop',
      image: { id: 'i', kind: 'image', platform: 'docker:laptop', name: image },
      container: {
        id: 'c',
        kind: 'container',
        platform: 'docker:laptop',
        name: `shop-${service}-1`,
        role: 'container',
        state: 'running',
        labels: {
          'com.docker.compose.project': 'shop',
          'com.docker.compose.service': service,
          'com.docker.compose.project.config_files': composeFile,
          'com.docker.compose.project.working_dir': project,
          ...labels,
        },
      },
      containerId: 'c',
      host: {
        id: 'h',
        kind: 'docker-host',
        platform: 'docker:laptop',
        name: 'laptop',
        endpoint: 'unix:///run/docker.sock',
      },
      compose: { project: 'shop', service },
      swarmService: null,
    },
    target,
    docker: [],
    filesHere: true,
    readFile: (path) => readFile(path, 'utf8'),
  });

  it('diffs the one image line, comments and anchors kept (golden), and patch applies it', async () => {
    const action = await composeAction(input('web'));
    expect(action.image).toBe('nginx:1.26');
    expect(action.commands).toEqual([
      `docker compose -f ${composeFile} -p shop pull web && docker compose -f ${composeFile} -p shop up -d web`,
    ]);
    expect(action.edit).toEqual({
      file: composeFile,
      line: 7,
      directory: project,
      diff: [
        '--- a/compose.yaml',
        '+++ b/compose.yaml',
        '@@ -4,7 +4,7 @@',
        ' ',
        ' services:',
        '   web:',
        '-    image: nginx:1.25 # bump with care',
        '+    image: nginx:1.26 # bump with care',
        '     logging: *logging',
        '   worker:',
        `     image: "nginx:1.25@${OLD}"`,
        '',
      ].join('\n'),
    });
    const copy = join(dir, 'copy');
    mkdirSync(copy);
    writeFileSync(join(copy, 'compose.yaml'), COMPOSE);
    execFileSync('patch', ['-p1', '--quiet'], { cwd: copy, input: action.edit!.diff });
    expect(readFileSync(join(copy, 'compose.yaml'), 'utf8')).toBe(
      COMPOSE.replace('nginx:1.25 #', 'nginx:1.26 #'),
    );
  });

  it('keeps a quoted digest pin as a quoted pin', async () => {
    const action = await composeAction(input('worker', {}, `nginx:1.25@${OLD}`));
    expect(action.image).toBe(`nginx:1.26@${NEW}`);
    expect(action.edit?.diff).toContain(`+    image: "nginx:1.26@${NEW}"`);
  });

  it('leaves an interpolated image to its variable, and says which', async () => {
    const action = await composeAction(input('cron'));
    expect(action.edit).toBeNull();
    expect(action.notes[0]).toMatch(
      /it comes from CRON_IMAGE, set in the environment of docker compose or the project's \.env file/,
    );
    expect(action.commands).toHaveLength(1);
  });

  it('says so when the file is elsewhere or unreadable, and gives the command only', async () => {
    const remote = await composeAction({ ...input('web'), filesHere: false });
    expect(remote.notes[0]).toMatch(
      /on the Docker host laptop \(unix:\/\/\/run\/docker\.sock\), not on this machine/,
    );
    expect(remote.edit).toBeNull();
    const missing = await composeAction(
      input('web', { 'com.docker.compose.project.config_files': join(dir, 'gone.yaml') }),
    );
    expect(missing.notes[0]).toMatch(/^Cannot read .*gone\.yaml \(ENOENT/);
    expect(missing.commands[0]).toContain('gone.yaml');
  });

  it('does not edit a file that names another image than the container runs', async () => {
    const action = await composeAction(input('web', {}, 'redis:7'));
    expect(action.edit).toBeNull();
    expect(action.notes[0]).toMatch(/names nginx:1\.25, but the container runs redis:7/);
  });

  it('passes hostile project, service and file names to docker as single words', async () => {
    const hostile = {
      'com.docker.compose.project': '$(touch pwned)',
      'com.docker.compose.service': "-web'; touch pwned #",
      'com.docker.compose.project.config_files': `${join(dir, 'a b.yml')},${join(dir, 'x\n;touch pwned')}`,
      'com.docker.compose.project.working_dir': `${dir}/\`touch pwned\``,
      'com.docker.compose.project.environment_file': `${dir}/.env"`,
    };
    const base = input('web', hostile);
    const action = await composeAction({
      ...base,
      place: {
        ...base.place,
        compose: {
          project: hostile['com.docker.compose.project'],
          service: hostile['com.docker.compose.service'],
        },
      },
    });
    const { calls, status } = tools.run(action.commands[0]!);
    expect(status).toBe(0);
    const common = [
      'docker',
      'compose',
      '-f',
      join(dir, 'a b.yml'),
      '-f',
      join(dir, 'x\n;touch pwned'),
      '--project-directory',
      `${dir}/\`touch pwned\``,
      '--env-file',
      `${dir}/.env"`,
      '-p',
      '$(touch pwned)',
    ];
    expect(calls).toEqual([
      [...common, 'pull', '--', "-web'; touch pwned #"],
      [...common, 'up', '-d', '--', "-web'; touch pwned #"],
    ]);
    expect(execFileSync('ls', [tools.dir], { encoding: 'utf8' })).not.toContain('pwned');
  });
});
