/* global process -- Node globals; eslint.config.js declares none for .mjs */
// `node --import ./bench/startup/peak-rss.mjs …`: writes the process's peak resident set size
// (getrusage ru_maxrss, KiB) to $CUPDATE_PEAK_RSS_FILE when it exits, for the start-up benchmarks.
import { writeFileSync } from 'node:fs';

const file = process.env.CUPDATE_PEAK_RSS_FILE;
if (file) process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
