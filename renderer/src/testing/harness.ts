// What the browser tests call inside Chromium (browser.ts): components mounted by name, their HTML back.
import { flushSync, mount } from 'svelte';
import SafeMarkdown from '../components/SafeMarkdown.svelte';
import type { MarkupFormat } from '../lib/safe-markdown.js';

export interface Harness {
  renderSafeMarkdown(source: string, format: MarkupFormat): string;
}

const harness: Harness = {
  renderSafeMarkdown(source, format) {
    const target = document.createElement('div');
    document.body.append(target);
    mount(SafeMarkdown, { target, props: { source, format } });
    flushSync();
    const html = target.innerHTML;
    target.remove();
    return html;
  },
};

(window as unknown as { harness: Harness }).harness = harness;
