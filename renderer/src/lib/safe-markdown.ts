// Untrusted text (release notes, READMEs, descriptions) to HTML that is safe to draw: markdown is
// rendered by `marked`, then everything goes through DOMPurify. Nothing the source sent can run a
// script, load a remote resource or navigate this window.
import createDOMPurify from 'dompurify';
import { Marked } from 'marked';

export type MarkupFormat = 'markdown' | 'html' | 'text';

const marked = new Marked({ gfm: true, breaks: false, async: false });

// Our own instance, so the link hook below never leaks into other DOMPurify users.
const purify = createDOMPurify(window);

// Links leave the app: a new browsing context the host turns into the system browser (Electron's
// setWindowOpenHandler), with no `window.opener` and no referrer for the page behind the link.
purify.addHook('afterSanitizeAttributes', (node) => {
  if (node.tagName === 'A' && node.hasAttribute('href')) {
    node.setAttribute('target', '_blank');
    node.setAttribute('rel', 'noopener noreferrer');
  }
});

const PURIFY_OPTIONS = {
  // Images and styles could fetch remote URLs (tracking pixels) and are refused by the CSP anyway;
  // forms and inputs have no place in release notes.
  FORBID_TAGS: [
    'img',
    'picture',
    'video',
    'audio',
    'source',
    'style',
    'form',
    'input',
    'button',
    'textarea',
    'select',
  ],
  FORBID_ATTR: ['style', 'srcset'],
  ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|#)/i,
};

function escapeText(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function textAsHtml(text: string): string {
  return `<p>${escapeText(text)
    .replace(/\n{2,}/g, '</p><p>')
    .replace(/\n/g, '<br>')}</p>`;
}

/** The sanitized HTML for `source` written in `format`. */
export function toSafeHtml(source: string, format: MarkupFormat = 'markdown'): string {
  // DOMPurify hands its input back untouched where it cannot work: fail closed, show the source as text.
  if (!purify.isSupported || format === 'text') return textAsHtml(source);
  const html = format === 'markdown' ? marked.parse(source, { async: false }) : source;
  return purify.sanitize(html, PURIFY_OPTIONS);
}
