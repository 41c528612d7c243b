// The renderer is served under app://cupdate/ rather than file:// (Electron's security checklist,
// "Avoid usage of the file:// protocol"): Vite's `<script type="module" crossorigin>` needs a real
// origin (Chromium gives file:// pages the opaque origin `null`), 'self' in the CSP then means
// our bundle and nothing else on the disk, and the IPC check compares against one exact origin.
import { isAbsolute, join, relative } from 'node:path';
import { CONTENT_SECURITY_POLICY } from './window-security.js';

export const APP_SCHEME = 'app';
export const APP_HOST = 'cupdate';
export const APP_PAGE_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** How the scheme is registered before `ready`: standard and secure, like https. */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
} as const;

/** The file under `root` an app:// URL names, or null for another host or a path outside root. */
export function fileForAppUrl(root: string, url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
  let path: string;
  try {
    path = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  const file = join(root, path === '/' ? 'index.html' : path);
  const inside = relative(root, file);
  return inside === '' || inside.startsWith('..') || isAbsolute(inside) ? null : file;
}

/** The answer to one app:// request: the file with the CSP, or 404. */
export async function appResponse(
  root: string,
  url: string,
  fetchFile: (fileUrl: string) => Promise<Response>,
  toFileUrl: (path: string) => string,
): Promise<Response> {
  const file = fileForAppUrl(root, url);
  if (file === null) return new Response('not found', { status: 404 });
  const found = await fetchFile(toFileUrl(file));
  const headers = new Headers(found.headers);
  headers.set('content-security-policy', CONTENT_SECURITY_POLICY);
  headers.set('x-content-type-options', 'nosniff');
  return new Response(found.body, { status: found.status, headers });
}
