/* global process -- Node globals; eslint.config.js declares none for .mjs */
// `node --import ./test/app/module-log/register.mjs …`: appends the URL of every ES module the
// process resolves to $CUPDATE_MODULE_LOG, one per line, so a test can see what a command loaded.
import { register } from 'node:module';

if (process.env.CUPDATE_MODULE_LOG) register('./hooks.mjs', import.meta.url);
