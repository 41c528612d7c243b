// Escaping text from registries and release feeds (tags, titles, labels, errors) so that it reads
// as literal text in CommonMark/GFM: no link, HTML, table cell or heading can be injected. Every
// ASCII punctuation character may be backslash-escaped (CommonMark 0.31 §2.4); these are the ones
// that start inline syntax (`[`/`]` links, `<` HTML and autolinks, `` ` `` code, `*`/`_` emphasis,
// `~` strikethrough, `|` GFM table cells, `&` entities, `$` GitHub math, `!` images, `@` email
// autolinks and mentions, `\` itself).
const INLINE = /[\\`*_[\]<>|~&$!@]/g;
// GFM's extended autolinks (spec §6.9) turn bare `http://…`, `https://…` and `www.…` into links:
// an escaped `:` or `.` keeps them text.
const AUTOLINK = /\b(https?|ftp)(:)|\b(www)(\.)/gi;
// At the start of a line these open a block: heading, bullet list or thematic break, setext
// underline, ordered list ("1. " or "1) ", not a version such as "1.25"); `>` quotes are escaped above.
const BLOCK_MARK = /^(\s*)([#=+-])/;
const ORDERED_MARK = /^(\s*\d+)([.)])(?=\s|$)/;

/** `text` as a single line of literal Markdown text (line breaks become spaces). */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\r\n\t]+/g, ' ')
    .replace(INLINE, (char) => `\\${char}`)
    .replace(AUTOLINK, (_match, scheme?: string, colon?: string, www?: string, dot?: string) =>
      scheme !== undefined ? `${scheme}\\${colon}` : `${www}\\${dot}`,
    )
    .replace(BLOCK_MARK, '$1\\$2')
    .replace(ORDERED_MARK, '$1\\$2');
}

/**
 * An http(s) address as a link destination: characters that would end the destination, the
 * table cell or the link are percent-encoded (RFC 3986 allows encoding any of them).
 */
export function markdownDestination(url: string): string {
  return url.replace(
    /[()<>|\s\\`]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
}
