/**
 * The address normalized (WHATWG URL), when it is http(s); null otherwise. A `javascript:`,
 * `data:` or `file:` link from a registry or release feed must never become a clickable link.
 */
export function httpUrl(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}
