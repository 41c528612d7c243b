import { describe, expect, it } from 'vitest';
import {
  interpolatedVariables,
  locateServiceImage,
  scalarText,
  type ComposeFile,
} from './compose-image-site.js';

const file = (path: string, ...lines: string[]): ComposeFile => ({ path, text: lines.join('\n') + '\n' });

describe('locateServiceImage', () => {
  it('finds the one scalar of the service, with its range, line and style', () => {
    const compose = file(
      '/p/compose.yaml',
      'services:',
      '  web:',
      '    image: "nginx:1.25" # keep',
      '  db: {image: postgres}',
    );
    const located = locateServiceImage([compose], 'web');
    expect(located).toEqual({
      site: {
        kind: 'scalar',
        file: '/p/compose.yaml',
        value: 'nginx:1.25',
        line: 3,
        start: compose.text.indexOf('"nginx'),
        end: compose.text.indexOf(' # keep'),
        style: 'QUOTE_DOUBLE',
        anchor: null,
      },
    });
  });

  it('lets the last file that sets the image win, and skips files that do not', () => {
    const base = file('/p/compose.yaml', 'services:', '  web:', '    image: nginx:1.25');
    const ports = file('/p/ports.yaml', 'services:', '  web:', '    ports: ["80:80"]');
    const prod = file('/p/prod.yaml', 'services:', '  web:', '    image: registry.example/nginx:1.25');
    expect(locateServiceImage([base, prod, ports], 'web')).toMatchObject({
      site: { file: '/p/prod.yaml', value: 'registry.example/nginx:1.25', line: 3 },
    });
    expect(locateServiceImage([base, ports], 'web')).toMatchObject({ site: { file: '/p/compose.yaml' } });
  });

  it('edits an alias at its anchor and counts who else uses it', () => {
    const compose = file(
      '/p/compose.yaml',
      'x-image: &img nginx:1.25 # shared',
      'services:',
      '  web: {image: *img}',
      '  worker:',
      '    image: *img',
    );
    expect(locateServiceImage([compose], 'worker')).toMatchObject({
      site: { kind: 'scalar', line: 1, value: 'nginx:1.25', anchor: { name: 'img', aliases: 2 } },
    });
  });

  it('follows merge keys, the service’s own keys first', () => {
    const compose = file(
      '/p/compose.yaml',
      'x-base: &base',
      '  image: redis:7',
      '  restart: always',
      'x-other: &other {image: redis:6}',
      'services:',
      '  cache:',
      '    <<: [*base, *other]',
      '  own:',
      '    <<: *base',
      '    image: redis:7.2',
    );
    expect(locateServiceImage([compose], 'cache')).toMatchObject({ site: { value: 'redis:7', line: 2 } });
    expect(locateServiceImage([compose], 'own')).toMatchObject({ site: { value: 'redis:7.2', line: 10 } });
  });

  it('does not edit an interpolated image and names its variables', () => {
    const compose = file(
      '/p/compose.yaml',
      'services:',
      '  web:',
      '    image: ${REGISTRY}/nginx:${TAG:-1.25}',
    );
    expect(locateServiceImage([compose], 'web')).toMatchObject({
      site: { kind: 'interpolated', variables: ['REGISTRY', 'TAG'], line: 3 },
    });
    expect(interpolatedVariables('price$$tag:1')).toBeNull();
    expect(interpolatedVariables('$IMAGE')).toEqual(['IMAGE']);
  });

  it('says why when no file sets the image, or a file is not YAML', () => {
    const extended = file(
      '/p/compose.yaml',
      'services:',
      '  web:',
      '    extends: {file: base.yaml, service: web}',
    );
    expect(locateServiceImage([extended], 'web')).toEqual({
      problem: expect.stringMatching(/no file of the project sets services\.web\.image .*uses `extends`/),
    });
    expect(locateServiceImage([file('/p/c.yaml', 'services:', '  web: [')], 'web')).toEqual({
      problem: expect.stringMatching(/^\/p\/c\.yaml is not valid YAML \(line \d+, column \d+\)/),
    });
    expect(locateServiceImage([file('/p/c.yaml', 'services:', '  web:', '    image: [a]')], 'web')).toEqual({
      problem: '/p/c.yaml line 3: the image of service "web" is not a string',
    });
  });
});

describe('scalarText', () => {
  it('keeps the quoting style, and quotes what could not be plain', () => {
    expect(scalarText('nginx:1.26', 'PLAIN')).toBe('nginx:1.26');
    expect(scalarText('nginx:1.26', 'QUOTE_DOUBLE')).toBe('"nginx:1.26"');
    expect(scalarText("it's", 'QUOTE_SINGLE')).toBe("'it''s'");
    expect(scalarText('a # b', 'PLAIN')).toBe('"a # b"');
    expect(scalarText('true', 'PLAIN')).toBe('"true"');
    expect(scalarText('x\n: y', 'BLOCK_LITERAL')).toBe('"x\\n: y"');
  });
});
