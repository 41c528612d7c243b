import { describe, expect, it } from 'vitest';
import { isPinned, respell, sameRepository, splitWritten } from './image-spelling.js';

const OLD = `sha256:${'a'.repeat(64)}`;
const NEW = `sha256:${'b'.repeat(64)}`;

describe('image spelling', () => {
  it('splits the written parts, a registry port not mistaken for a tag', () => {
    expect(splitWritten('nginx:1.25')).toEqual({ name: 'nginx', tag: '1.25' });
    expect(splitWritten('localhost:5000/team/app')).toEqual({ name: 'localhost:5000/team/app' });
    expect(splitWritten(`localhost:5000/app:2@${OLD}`)).toEqual({
      name: 'localhost:5000/app',
      tag: '2',
      digest: OLD,
    });
    expect(splitWritten(`nginx@${OLD}`)).toEqual({ name: 'nginx', digest: OLD });
    expect(() => splitWritten('Not A Reference')).toThrow(/Invalid image reference/);
  });

  it('keeps the user’s spelling and the pin style', () => {
    expect(respell('nginx:1.25', '1.26', NEW)).toBe('nginx:1.26');
    expect(respell('docker.io/library/nginx:1.25', '1.26', null)).toBe('docker.io/library/nginx:1.26');
    expect(respell(`nginx:1.25@${OLD}`, '1.26', NEW)).toBe(`nginx:1.26@${NEW}`);
    expect(respell(`nginx@${OLD}`, null, NEW)).toBe(`nginx@${NEW}`);
    expect(respell('localhost:5000/app', '2.0', null)).toBe('localhost:5000/app:2.0');
    expect(() => respell(`nginx:1.25@${OLD}`, '1.26', null)).toThrow(/digest is needed/);
  });

  it('says whether two spellings are one repository', () => {
    expect(sameRepository('nginx:1.25', 'docker.io/library/nginx:1.26')).toBe(true);
    expect(sameRepository('nginx:1.25', 'ghcr.io/nginx/nginx:1.25')).toBe(false);
    expect(isPinned(`nginx:1.25@${OLD}`)).toBe(true);
    expect(isPinned('nginx:1.25')).toBe(false);
  });
});
