// The token server process started by token-server.ts (run with `node --import tsx`). It implements
// the Docker registry token flow (https://distribution.github.io/distribution/spec/auth/token/):
// GET /token?service=&scope=repository:NAME:pull,push with optional Basic credentials answers a
// JWT signed RS256 whose `x5c` header holds the certificate the registry trusts (its
// `rootcertbundle`; distribution 2.8 verifies that chain, see registry/auth/token/token.go).
// GET /stats answers the tokens issued per requested scope, so tests in other processes can check
// that a client reuses its tokens.
import { createPrivateKey, randomUUID, sign, X509Certificate, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { TokenServerConfig, TokenStats } from './token-server.js';

interface Access {
  type: string;
  name: string;
  actions: string[];
}

const config = JSON.parse(readFileSync(process.argv[2] ?? '', 'utf8')) as TokenServerConfig;
const privateKey = createPrivateKey(readFileSync(config.keyPath));
const certificateDer = new X509Certificate(readFileSync(config.certPath)).raw.toString('base64');
const stats: TokenStats = { issued: 0, rejected: 0, byScope: {} };

/** `repository:library/nginx:pull,push` → its parts; the name may not hold a colon but the type may not either. */
function parseScope(scope: string): Access | null {
  const first = scope.indexOf(':');
  const last = scope.lastIndexOf(':');
  if (first <= 0 || last === first) return null;
  return {
    type: scope.slice(0, first),
    name: scope.slice(first + 1, last),
    actions: scope.slice(last + 1).split(','),
  };
}

/** Authenticated users get what they ask for; anonymous users only pull public repositories. */
function grant(access: Access, user: string | null): Access {
  if (user !== null) return access;
  const isPublic = access.type === 'repository' && config.publicRepositories.includes(access.name);
  return { ...access, actions: isPublic ? access.actions.filter((action) => action === 'pull') : [] };
}

function base64url(value: string | Buffer): string {
  return Buffer.from(value).toString('base64url');
}

function signToken(user: string | null, access: Access[], key: KeyObject): string {
  const now = Math.floor(Date.now() / 1000);
  const header = { typ: 'JWT', alg: 'RS256', x5c: [certificateDer] };
  const claims = {
    iss: config.issuer,
    sub: user ?? '',
    aud: config.service,
    exp: now + config.expiresInSeconds,
    nbf: now - 10,
    iat: now,
    jti: randomUUID(),
    access,
  };
  const signingInput = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
  return `${signingInput}.${base64url(sign('sha256', Buffer.from(signingInput), key))}`;
}

/** The user named by valid Basic credentials, null for anonymous, undefined for wrong credentials. */
function authenticate(request: IncomingMessage): string | null | undefined {
  const header = request.headers.authorization;
  if (header === undefined) return null;
  const match = /^Basic\s+(\S+)$/i.exec(header);
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const user = decoded.slice(0, colon);
  return colon > 0 && config.users[user] === decoded.slice(colon + 1) ? user : undefined;
}

function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}

function handleToken(request: IncomingMessage, response: ServerResponse, url: URL): void {
  const user = authenticate(request);
  if (user === undefined) {
    stats.rejected += 1;
    sendJson(
      response,
      401,
      { errors: [{ code: 'UNAUTHORIZED', message: 'wrong username or password' }] },
      { 'www-authenticate': 'Basic realm="cupdate-test-token-server"' },
    );
    return;
  }
  if (url.searchParams.get('service') !== config.service) {
    sendJson(response, 400, {
      errors: [{ code: 'DENIED', message: `unknown service; use ${config.service}` }],
    });
    return;
  }
  // Clients send one `scope` parameter per scope, some join several with spaces.
  const scopes = url.searchParams.getAll('scope').flatMap((scope) => scope.split(' ').filter(Boolean));
  const access: Access[] = [];
  for (const scope of scopes) {
    const parsed = parseScope(scope);
    if (parsed === null) {
      sendJson(response, 400, { errors: [{ code: 'DENIED', message: `malformed scope ${scope}` }] });
      return;
    }
    access.push(grant(parsed, user));
    stats.byScope[scope] = (stats.byScope[scope] ?? 0) + 1;
  }
  stats.issued += 1;
  const token = signToken(user, access, privateKey);
  sendJson(response, 200, {
    token,
    access_token: token,
    expires_in: config.expiresInSeconds,
    issued_at: new Date().toISOString(),
  });
}

const server = createServer((request, response) => {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  if (request.method === 'GET' && url.pathname === '/token') handleToken(request, response, url);
  else if (request.method === 'GET' && url.pathname === '/stats') sendJson(response, 200, stats);
  else
    sendJson(response, 404, { errors: [{ code: 'NOT_FOUND', message: 'only GET /token and GET /stats' }] });
});

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('token server has no TCP address');
  // The parent reads this one line to learn the port: binding port 0 here leaves no race.
  process.stdout.write(`${JSON.stringify({ port: address.port })}\n`);
});
