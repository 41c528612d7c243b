// With a stand-in for Electron's dialog (the binary cannot run here) that records what it was
// asked and answers as the user would.
import { describe, expect, it } from 'vitest';
import type { MessageBoxOptions } from 'electron';
import { linkConfirmation, openAfterConfirmation, type DialogPort } from './external-link.js';

function standInDialog(answer: 'cancel' | 'open'): DialogPort & { asked: MessageBoxOptions[] } {
  const asked: MessageBoxOptions[] = [];
  return {
    asked,
    showMessageBox: async (options) => {
      asked.push(options);
      return { response: answer === 'open' ? 1 : (options.cancelId ?? 0) };
    },
  };
}

describe('openAfterConfirmation', () => {
  it('opens nothing when the user cancels (the default)', async () => {
    const dialog = standInDialog('cancel');
    const opened: string[] = [];
    const link = 'https://github.com/owner/repo/releases/tag/v2.0.0';
    expect(await openAfterConfirmation(link, dialog, async (url) => void opened.push(url))).toBe(false);
    expect(opened).toEqual([]);
    expect(dialog.asked[0]).toMatchObject({
      defaultId: 0,
      cancelId: 0,
      buttons: ['Cancel', 'Open in browser'],
    });
  });

  it('opens the normalized link once the user confirms', async () => {
    const opened: string[] = [];
    const confirmed = await openAfterConfirmation(
      'https://example.com/a b',
      standInDialog('open'),
      async (url) => void opened.push(url),
    );
    expect(confirmed).toBe(true);
    expect(opened).toEqual(['https://example.com/a%20b']);
  });

  it('never asks about, or opens, a link that is not http(s)', async () => {
    const dialog = standInDialog('open');
    const opened: string[] = [];
    for (const url of ['javascript:alert(1)', 'file:///etc/passwd', 'smb://share/x', 'not a url'])
      expect(await openAfterConfirmation(url, dialog, async (link) => void opened.push(link))).toBe(false);
    expect(dialog.asked).toEqual([]);
    expect(opened).toEqual([]);
  });
});

describe('linkConfirmation', () => {
  it('names the host in ASCII, so a look-alike domain shows as what it is', () => {
    const options = linkConfirmation(new URL('https://аpple.com/login').href);
    expect(options.message).toBe('Open a link to xn--pple-43d.com in your browser?');
  });

  it('warns about plain http and cuts a very long link', () => {
    const options = linkConfirmation(`http://example.com/${'x'.repeat(1000)}`);
    expect(options.detail).toContain('is not encrypted (http)');
    expect(options.detail?.split('\n')[0]).toHaveLength(501);
  });
});
