// Links the page asks to open (a release note's, a README's: untrusted text) go to the system
// browser only after the user said yes in a dialog the page cannot draw or click: it is the main
// process's, shows the real address with its host in ASCII (an IDN homograph such as "аpple.com"
// reads "xn--pple-43d.com"), and defaults to Cancel. Only http(s) gets that far (httpUrl).
import type { MessageBoxOptions } from 'electron';
import { httpUrl } from '../internal/model/safe-url.js';

/** The part of Electron's `dialog` used here. */
export interface DialogPort {
  showMessageBox(options: MessageBoxOptions): Promise<{ readonly response: number }>;
}

const CANCEL = 0;
const OPEN = 1;
/** A link longer than this is cut in the dialog (the full one is still what opens). */
const MAX_SHOWN = 500;

export function linkConfirmation(url: string): MessageBoxOptions {
  const { host, protocol } = new URL(url);
  const shown = url.length > MAX_SHOWN ? `${url.slice(0, MAX_SHOWN)}…` : url;
  return {
    type: 'question',
    title: 'Open link',
    message: `Open a link to ${host} in your browser?`,
    detail: `${shown}\n\nIt comes from content Cupdate fetched (release notes, a README, labels)${
      protocol === 'http:' ? ', and is not encrypted (http)' : ''
    }. Open it only if you expected it.`,
    buttons: ['Cancel', 'Open in browser'],
    defaultId: CANCEL,
    cancelId: CANCEL,
    noLink: true,
  };
}

/** Opens `url` with `open` once the user confirms; resolves whether it was opened. */
export async function openAfterConfirmation(
  url: string,
  dialog: DialogPort,
  open: (url: string) => Promise<void>,
): Promise<boolean> {
  const safe = httpUrl(url);
  if (safe === null) return false;
  const { response } = await dialog.showMessageBox(linkConfirmation(safe));
  if (response !== OPEN) return false;
  await open(safe);
  return true;
}
