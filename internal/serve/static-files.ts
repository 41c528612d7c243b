// Serves the built renderer (renderer/dist): a file under the root, or index.html for an app route
// (a path without a file extension: the single-page app routes itself). Nothing outside the root is
// ever read: the decoded path is resolved and must stay inside it, and dot-files are not served.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, resolve, sep } from 'node:path';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

export type StaticAnswer =
  { readonly status: 200; readonly path: string } | { readonly status: 400 | 404; readonly message: string };

/** Where `urlPath` (the request's path, still percent-encoded) is served from, or why it is not. */
export async function resolveStatic(root: string, urlPath: string): Promise<StaticAnswer> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return { status: 400, message: 'the path is not valid percent-encoding' };
  }
  if (decoded.includes('\0') || decoded.includes('\\'))
    return { status: 400, message: 'the path has a forbidden character' };
  const base = resolve(root);
  const path = resolve(base, `.${decoded}`);
  if (path !== base && !path.startsWith(base + sep))
    return { status: 400, message: 'the path leaves the served directory' };
  if (decoded.split('/').some((segment) => segment.startsWith('.')))
    return { status: 404, message: 'not found' };
  if (await isFile(path)) return { status: 200, path };
  const index = resolve(base, 'index.html');
  if (extname(decoded) === '' && (await isFile(index))) return { status: 200, path: index };
  return {
    status: 404,
    message: (await isFile(index))
      ? 'not found'
      : `the renderer is not built: ${index} is missing (run the renderer's build)`,
  };
}

export async function serveStatic(
  root: string,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const urlPath = new URL(request.url ?? '/', 'http://localhost').pathname;
  const answer = await resolveStatic(root, urlPath);
  if (answer.status !== 200) {
    response
      .writeHead(answer.status, { 'Content-Type': 'text/plain; charset=utf-8' })
      .end(`${answer.message}\n`);
    return;
  }
  response.writeHead(200, {
    'Content-Type': CONTENT_TYPES[extname(answer.path)] ?? 'application/octet-stream',
    // Vite's hashed assets never change; index.html must be revalidated to pick up a new build.
    'Cache-Control': answer.path.includes(`${sep}assets${sep}`)
      ? 'public, max-age=31536000, immutable'
      : 'no-cache',
  });
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  createReadStream(answer.path)
    .on('error', () => response.destroy())
    .pipe(response);
}

async function isFile(path: string): Promise<boolean> {
  return stat(path).then(
    (stats) => stats.isFile(),
    () => false,
  );
}
