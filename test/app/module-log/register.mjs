/* global process -- Node globals; eslint.config.js declares none for .mjs */
// `node --import ./test/app/module-log/register.mjs …`: appends the URL of every module the process
// loads to $CUPDATE_MODULE_LOG, one per line, so a test can see what a command loaded. ES modules
// through a resolve hook; CommonJS ones (packages like undici, and what createRequire loads)
// through Module._load, which every require() goes through.
import { appendFileSync } from 'node:fs';
import Module, { register } from 'node:module';
import { pathToFileURL } from 'node:url';

const log = process.env.CUPDATE_MODULE_LOG;
if (log) {
  register('./hooks.mjs', import.meta.url);
  const load = Module._load;
  Module._load = function (request, parent, isMain) {
    try {
      const path = Module._resolveFilename(request, parent, isMain);
      appendFileSync(log, `${path.startsWith('/') ? pathToFileURL(path).href : path}\n`);
    } catch {
      // Not resolvable: the real load below throws the error it should.
    }
    return load.apply(this, arguments);
  };
}
