// WWW-Authenticate challenges of a registry (RFC 9110 §11.6.1; the distribution token spec,
// distribution/docs/spec/auth/token.md): `Bearer realm="…",service="…",scope="…"` or
// `Basic realm="…"`. Quoted values may hold commas (scope="repository:a:pull,push").

export type AuthChallenge =
  | { readonly scheme: 'bearer'; readonly realm: string; readonly service?: string; readonly scope?: string }
  | { readonly scheme: 'basic' };

/** The first Bearer or Basic challenge in the header, or null when there is none we can answer. */
export function parseAuthChallenge(header: string | undefined): AuthChallenge | null {
  if (header === undefined) return null;
  const match = /^\s*(\w+)\s*(.*)$/s.exec(header);
  if (match === null) return null;
  const scheme = match[1]!.toLowerCase();
  if (scheme === 'basic') return { scheme: 'basic' };
  if (scheme !== 'bearer') return null;
  const params = parseParams(match[2]!);
  const realm = params.get('realm');
  if (realm === undefined || realm === '') return null;
  const service = params.get('service');
  const scope = params.get('scope');
  return {
    scheme: 'bearer',
    realm,
    ...(service === undefined ? {} : { service }),
    ...(scope === undefined ? {} : { scope }),
  };
}

function parseParams(text: string): Map<string, string> {
  const params = new Map<string, string>();
  const param = /([\w-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))\s*,?\s*/gy;
  for (let m = param.exec(text); m !== null; m = param.exec(text)) {
    const value = m[2] === undefined ? (m[3] ?? '') : m[2].replace(/\\(.)/g, '$1');
    if (!params.has(m[1]!.toLowerCase())) params.set(m[1]!.toLowerCase(), value);
  }
  return params;
}
