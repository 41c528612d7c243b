/* global process -- Node globals; eslint.config.js declares none for .mjs */
// Module customization hooks (https://nodejs.org/api/module.html#customization-hooks): the resolve
// hook records each URL and changes nothing. Hooks run on their own thread; appendFileSync keeps
// the order and survives the process exiting.
import { appendFileSync } from 'node:fs';

export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context);
  appendFileSync(process.env.CUPDATE_MODULE_LOG, `${resolved.url}\n`);
  return resolved;
}
