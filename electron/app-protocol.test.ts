import { describe, expect, it } from 'vitest';
import { APP_PAGE_URL, appResponse, fileForAppUrl } from './app-protocol.js';
import { CONTENT_SECURITY_POLICY } from './window-security.js';

const root = '/opt/cupdate/renderer/dist';

describe('app:// protocol', () => {
  it('maps the page and its assets to files under the renderer build', () => {
    expect(fileForAppUrl(root, APP_PAGE_URL)).toBe(`${root}/index.html`);
    expect(fileForAppUrl(root, 'app://cupdate/')).toBe(`${root}/index.html`);
    expect(fileForAppUrl(root, 'app://cupdate/assets/index-abc.js')).toBe(`${root}/assets/index-abc.js`);
    expect(fileForAppUrl(root, 'app://cupdate/index.html#/images')).toBe(`${root}/index.html`);
  });

  it('keeps dot segments inside the build folder (the URL parser resolves them first)', () => {
    expect(fileForAppUrl(root, 'app://cupdate/../../../etc/passwd')).toBe(`${root}/etc/passwd`);
    expect(fileForAppUrl(root, 'app://cupdate/%2e%2e/%2e%2e/etc/passwd')).toBe(`${root}/etc/passwd`);
  });

  it('refuses other hosts, other schemes and every way out of the build folder', () => {
    for (const url of [
      'app://other/index.html',
      'file:///etc/passwd',
      'app://cupdate/assets/%2e%2e%2f%2e%2e%2f%2e%2e%2fsecrets.json',
      'app://cupdate/..%2f..%2f..%2fhome',
      'app://cupdate/%E0%A4%A',
    ]) {
      expect(fileForAppUrl(root, url), url).toBeNull();
    }
  });

  it('answers with the file and the CSP, and 404 for anything refused', async () => {
    const fetched: string[] = [];
    const fetchFile = async (url: string) => {
      fetched.push(url);
      return new Response('<html></html>', { headers: { 'content-type': 'text/html' } });
    };
    const toFileUrl = (path: string) => `file://${path}`;
    const page = await appResponse(root, APP_PAGE_URL, fetchFile, toFileUrl);
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers.get('content-type')).toBe('text/html');
    expect(await page.text()).toBe('<html></html>');
    const refused = await appResponse(root, 'app://cupdate/..%2f..%2fx', fetchFile, toFileUrl);
    expect(refused.status).toBe(404);
    expect(fetched).toEqual([`file://${root}/index.html`]);
  });
});
